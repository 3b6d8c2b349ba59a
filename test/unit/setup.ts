// Mocha setup for the unit tests: property tests run with a fixed fast-check
// seed so that CI is reproducible (a counterexample found once is found again).
// Set FC_SEED to explore other seeds locally, e.g. FC_SEED=$RANDOM npm run test:unit.
import * as fc from 'fast-check';

fc.configureGlobal({ seed: Number(process.env.FC_SEED ?? 20261122) });
