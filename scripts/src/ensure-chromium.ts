import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromiumPath } from './env';

/**
 * The browser tests drive Debian's headless Chromium (never a downloaded browser build).
 * On a fresh Debian machine run as root, install it; elsewhere say what to do.
 */
if (!existsSync(chromiumPath)) {
  const isRoot = process.getuid?.() === 0;
  if (!isRoot || !existsSync('/usr/bin/apt-get')) {
    console.error(
      `Chromium fehlt unter ${chromiumPath}. Bitte installieren (Debian: sudo apt-get install -y chromium-headless-shell) ` +
        'oder CHROMIUM_PATH auf ein vorhandenes Chromium setzen.',
    );
    process.exit(1);
  }
  console.log('Installiere Chromium (chromium-headless-shell) für die Browser-Tests (apt-get) …');
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
  // dpkg prints every unpacked package even with -qq: keep its stdout out of the test log, errors stay visible.
  execFileSync('apt-get', ['install', '-y', '-qq', 'chromium-headless-shell'], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
}
