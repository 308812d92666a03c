/** The swagger kernel: what other folders import from src/swagger (see README.md). */
export * from './types.ts';
export * from './walk.ts';
export * from './deref.ts';
export * from './parameters.ts';
export * from './responses.ts';
export * from './placeholder.ts';
export * from './auth.ts';
export * from './policies.ts';
export * from './request.ts';
