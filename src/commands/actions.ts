/** The ribbon's ExecuteFunction name, as manifest.xml names it in <FunctionName>. */
export const INSERT_ACTION = 'insertTemplate';
