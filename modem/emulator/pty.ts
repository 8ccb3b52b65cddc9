/**
 * Puts a virtual port on a pseudo-terminal so programs that open a real tty
 * (gammu, smsd, minicom, SMSDesk's own driver through the OS serialport
 * binding) can talk to it. socat owns the pty; its stdio is the modem's line.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import type { Disposable } from '../at/lifecycle';
import type { VirtualPort } from './port';

export interface PtyHandle {
  /** The symlink programs open, e.g. /tmp/smsdesk-emulator/modem0. */
  readonly path: string;
  /** Removes the pty (the device vanishes for whoever has it open). */
  close(): Promise<void>;
}

/** Exposes `port` at `linkPath`; resolves once the pty exists. Needs socat (Debian package). */
export async function exposeOnPty(port: VirtualPort, linkPath: string): Promise<PtyHandle> {
  rmSync(linkPath, { force: true });
  let child: ChildProcess;
  try {
    child = spawn('socat', ['-d', '-d', `pty,raw,echo=0,link=${linkPath},mode=660`, 'STDIO'], { stdio: ['pipe', 'pipe', 'pipe'] });
  } catch (err) {
    throw new Error(`Cannot start socat for ${linkPath}: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  }
  let stderr = '';
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  child.stdin!.on('error', () => undefined); // socat gone: the exit handler reports it
  child.stdout!.on('data', (c: Buffer) => port.write(new Uint8Array(c)));
  const out: Disposable = port.onOutput((chunk) => {
    if (child.stdin!.writable) child.stdin!.write(chunk);
  });

  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    const started = Date.now();
    const check = (): void => {
      if (existsSync(linkPath) && /starting data transfer loop/.test(stderr)) return resolve();
      if (child.exitCode !== null || Date.now() - started > 5_000) {
        out.dispose();
        child.kill();
        return reject(new Error(`socat did not create ${linkPath}: ${stderr.trim() || 'no output'} (is the "socat" package installed?)`));
      }
      setTimeout(check, 20);
    };
    child.once('error', (err) => {
      out.dispose();
      reject(new Error(`Cannot start socat: ${err.message} (install the "socat" package)`));
    });
    check();
  });

  return {
    path: linkPath,
    close: async () => {
      out.dispose();
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(linkPath, { force: true });
    },
  };
}
