/** The one place that owns exit codes. */
export const EXIT_OK = 0;
/** A bug in nicvirt, or a failed assertion/regression gate where a command says so. */
export const EXIT_FAILURE = 1;
/** Bad input: flags, scenario files, impossible configurations. */
export const EXIT_USAGE = 2;
export const EXIT_SIGINT = 130;
export const EXIT_SIGTERM = 143;
