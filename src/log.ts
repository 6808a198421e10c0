/** Structured JSON log lines: one object per line, with a level, a message and fields (never secrets). */
export type Log = (level: 'debug' | 'info' | 'warn' | 'error', msg: string, fields?: Record<string, unknown>) => void;

export function jsonLog(write: (line: string) => void = (l) => console.log(l)): Log {
  return (level, msg, fields) => write(JSON.stringify({ time: new Date().toISOString(), level, msg, ...fields }));
}

export const silentLog: Log = () => undefined;
