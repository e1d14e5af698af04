/** The demo seeds' PRNG: core's seeded mulberry32, so every install gets the same demo data. */
export { seededRandom, type Random } from '../../../core/index.js';
