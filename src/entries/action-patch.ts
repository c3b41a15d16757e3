import { run } from '../actions/patch.js';

void run();
