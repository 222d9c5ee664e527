import xterm from '@xterm/headless';

/**
 * What a terminal shows after `output` (escape sequences applied): a headless xterm, the lines of its buffer
 * with trailing blanks trimmed and trailing empty lines dropped.
 */
export async function renderScreen(output: string, cols = 100, rows = 40): Promise<string[]> {
  const terminal = new xterm.Terminal({ cols, rows, scrollback: 10_000, allowProposedApi: true });
  // A pty turns "\n" into "\r\n"; a raw capture of a Node stream hasn't been through one.
  await new Promise<void>((resolve) => terminal.write(output.replace(/(?<!\r)\n/g, '\r\n'), resolve));
  const buffer = terminal.buffer.active;
  const lines: string[] = [];
  for (let i = 0; i < buffer.length; i++) lines.push(buffer.getLine(i)?.translateToString(true) ?? '');
  while (lines.length > 0 && lines.at(-1) === '') lines.pop();
  terminal.dispose();
  return lines;
}
