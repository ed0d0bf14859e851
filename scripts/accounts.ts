// Coordinators and intake sources are made by their use cases (also behind the
// administration pages); this name stays for the CLI, the demo seed, tests and benchmarks.
export { addCoordinator } from '../api/use-cases/coordinators.js';
export { addIntakeSource } from '../api/use-cases/intake-sources.js';
