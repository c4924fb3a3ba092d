/**
 * Progress over a batch of files: a cli-progress bar when the stream is a terminal, plain
 * one-line-per-file output otherwise (CI logs, pipes, tests).
 */
import cliProgress from 'cli-progress';

export interface Progress {
  /** One file done; `line` is printed as is when no bar is shown. */
  tick(file: string, line?: string): void;
  stop(): void;
}

export interface ProgressStream {
  write(chunk: string): unknown;
  isTTY?: boolean;
}

export function createProgress(total: number, label: string, stream: ProgressStream, lines: ProgressStream = stream): Progress {
  if (stream.isTTY && total > 1) {
    const bar = new cliProgress.SingleBar(
      {
        format: `${label} [{bar}] {value}/{total} {file}`,
        stream: stream as unknown as NodeJS.WritableStream,
        hideCursor: true,
        clearOnComplete: true,
        barsize: 30,
      },
      cliProgress.Presets.shades_classic,
    );
    bar.start(total, 0, { file: '' });
    return {
      tick(file) {
        bar.increment(1, { file: file.length > 40 ? `…${file.slice(-39)}` : file });
      },
      stop() {
        bar.stop();
      },
    };
  }
  return {
    tick(_file, line) {
      if (line) lines.write(`${line}\n`);
    },
    stop() {},
  };
}
