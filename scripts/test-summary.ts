/** Prints vitest's JSON report as the plain closing line CI reads: `N passed, N failed, N skipped`. */
import { readFileSync } from 'node:fs';

const file = process.argv[2] ?? 'test/output/vitest.json';
let report: { numPassedTests: number; numFailedTests: number; numPendingTests: number; numTodoTests: number };
try {
  report = JSON.parse(readFileSync(file, 'utf8'));
} catch {
  console.log('0 passed, 1 failed');
  process.exit(1);
}
console.log(`${report.numPassedTests} passed, ${report.numFailedTests} failed, ${report.numPendingTests + report.numTodoTests} skipped`);
