/** The presentation relay helpers (wallet and HR page side). */
export * from './relay.js';
