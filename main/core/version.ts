import pkg from '../../package.json';

/** The version of this build, from package.json (inlined by the bundler). */
export const APP_VERSION: string = pkg.version;
export const APP_NAME = 'SMSDesk';
