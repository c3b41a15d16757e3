// The bundle entry of action-deploy (dist/deploy/index.cjs): runs the action; everything it does is in src/actions/deploy.ts.
import { run } from '../actions/deploy.js';

void run();
