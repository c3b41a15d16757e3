// The bundle entry of action-build (dist/build/index.cjs): runs the action; everything it does is in src/actions/build.ts.
import { run } from '../actions/build.js';

void run();
