import { run } from '../actions/build.js';

void run();
