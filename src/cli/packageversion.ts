/** offmain's own version (`offmain --version`), from package.json: the bundle inlines it at build time. */
import pkg from '../../package.json' with { type: 'json' };

export const OFFMAIN_VERSION: string = pkg.version;
