// The bundle entry of action-patch (dist/patch/index.cjs): runs the action; everything it does is in src/actions/patch.ts.
import { run } from '../actions/patch.js';

void run();
