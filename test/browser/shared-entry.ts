// Browser entry for the shared-core browser test: exposes the pipeline on window.
import * as shared from '../../shared/index.js';

(globalThis as unknown as { shared: typeof shared }).shared = shared;
