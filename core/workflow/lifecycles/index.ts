/** Lifecycles: state machines over an enum field, changed only through guarded transitions. */
export { allowedTransitions, type TransitionOption } from './allowed-transitions.js';
export { findTransition } from './find-transition.js';
export { runTransition } from './run-transition.js';
export { transitionRefusal, type TransitionRefusal } from './transition-check.js';
