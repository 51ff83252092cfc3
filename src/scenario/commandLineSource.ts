/** `source` of problems caused by a command-line override; their `path` is the ScenarioInput path. */
export const COMMAND_LINE_SOURCE = 'command line';
