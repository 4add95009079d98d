/** The product's seeded generator (src/core/random.ts), for tests and benchmarks: the same numbers on every run. */
export { seededRandom } from '../../src/core/random.js';
