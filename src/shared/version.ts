/** Generator name and version written into sessions, evidence and records. Kept equal to package.json by a unit test. */
export const GONOGO_NAME = 'gonogo'
export const GONOGO_VERSION = '0.1.0'
