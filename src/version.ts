/** The package version, shown by `cronwarden --version` and written into reports. */
export const VERSION = '0.1.0';
