import { createInterface } from 'node:readline';

/** Asks for a secret on the terminal without echoing it; reads one line from a pipe otherwise. */
export async function askSecret(question: string): Promise<string> {
  const input = process.stdin;
  if (!input.isTTY) {
    const lines = createInterface({ input });
    for await (const line of lines) {
      lines.close();
      return line;
    }
    return '';
  }
  return new Promise((resolve) => {
    const terminal = createInterface({ input, output: process.stderr, terminal: true });
    const output = terminal as unknown as { _writeToOutput: (text: string) => void };
    let prompted = false;
    output._writeToOutput = (text: string) => {
      // Show the question once, then nothing of what is typed.
      if (!prompted) {
        process.stderr.write(text);
        prompted = true;
      }
    };
    terminal.question(question, (answer) => {
      process.stderr.write('\n');
      terminal.close();
      resolve(answer);
    });
  });
}
