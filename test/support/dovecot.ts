// A real Dovecot IMAP server for tests, from Debian's dovecot-imapd: its own config, users and maildirs in a
// temp folder, listening on a free loopback port. `.ci/run` installs the package.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, connect } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import path from 'node:path';

export interface Dovecot {
  port: number;
  close(): Promise<void>;
}

const BINARY = process.env.OTKLIK_DOVECOT ?? '/usr/sbin/dovecot';

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export async function startDovecot(users: Record<string, string>): Promise<Dovecot> {
  if (!existsSync(BINARY)) {
    throw new Error(`Dovecot is not installed at ${BINARY} (apt-get install dovecot-imapd)`);
  }
  const dir = await mkdtemp(path.join(tmpdir(), 'otklik-dovecot-'));
  const port = await freePort();
  // As root, mail is stored as "nobody" (Dovecot refuses uid 0); otherwise everything runs as the current user.
  const root = process.getuid?.() === 0;
  const uid = root ? 65534 : process.getuid!();
  const gid = root ? 65534 : process.getgid!();
  const me = userInfo().username;
  // Dovecot's auth and mail processes run as its own users: they must read the folder and the users file.
  await chmod(dir, 0o755);
  await mkdir(path.join(dir, 'mail'));
  await chmod(path.join(dir, 'mail'), 0o777);
  await writeFile(
    path.join(dir, 'users'),
    Object.entries(users)
      .map(([u, p]) => `${u}:{PLAIN}${p}\n`)
      .join(''),
  );
  await writeFile(
    path.join(dir, 'dovecot.conf'),
    `
base_dir = ${dir}/run
state_dir = ${dir}/state
log_path = ${dir}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
first_valid_uid = ${uid}
mail_location = maildir:${dir}/mail/%u
${root ? '' : `default_internal_user = ${me}\ndefault_login_user = ${me}\n`}
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${dir}/users
}
userdb {
  driver = static
  args = uid=${uid} gid=${gid} home=${dir}/mail/%u
}
service imap-login {
  inet_listener imap {
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
}
`,
  );
  const child = spawn(BINARY, ['-F', '-c', path.join(dir, 'dovecot.conf')], { stdio: 'ignore' });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const deadline = Date.now() + 10_000;
  while (!(await accepts(port))) {
    if (Date.now() > deadline || child.exitCode !== null) {
      const log = await readFile(path.join(dir, 'dovecot.log'), 'utf8').catch(() => '');
      child.kill('SIGKILL');
      throw new Error(`Dovecot did not start:\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    port,
    async close() {
      child.kill('SIGTERM');
      await exited;
      await rm(dir, { recursive: true, force: true });
    },
  };
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
