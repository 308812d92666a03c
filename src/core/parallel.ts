/**
 * Up to this many connectors, compile in the main thread: each worker loads the compiler and
 * warms up afresh (~0.4 s), which costs more than it saves. Measured on 2 cores (best of 3,
 * `check`, corpus mix): 50 → serial 1.3 s vs 2 workers 1.6 s; 100 → 2.1 vs 2.2; 200 → 3.7 vs 3.2;
 * 400 → 7.0 vs 5.5; 1000 → 14.9 vs 10.6. The site's compile behaves the same (50 corpus
 * connectors: 1.15 s in one thread, 1.6 s on two workers).
 */
export const PARALLEL_THRESHOLD = 120;
