// Preloaded into a thread (node --require): holds that thread's fdatasync of SQLite WAL files from its start until
// the test broadcasts 'release', and broadcasts 'held' for each one it holds. A BroadcastChannel reaches every thread
// of the process, so the test's thread can watch and release what runs on another.
const fs = require('node:fs');
const { BroadcastChannel } = require('node:worker_threads');

const channel = new BroadcastChannel('wal-sync-hold');
channel.unref();
let holding = true;
const held = [];
channel.onmessage = ({ data }) => {
	if (data !== 'release') return;
	holding = false;
	for (const sync of held.splice(0)) sync();
};
const realFdatasync = fs.fdatasync;
fs.fdatasync = (fd, callback) => {
	if (!holding || !fs.readlinkSync(`/proc/self/fd/${fd}`).endsWith('-wal')) return realFdatasync(fd, callback);
	held.push(() => realFdatasync(fd, callback));
	channel.postMessage('held');
};
