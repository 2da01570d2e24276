// Preloaded into every process the shell tests spawn (`node --import`, or NODE_OPTIONS
// for `npm start` and whatever it starts): test/setup.ts only guards the vitest worker,
// so this keeps the children on loopback too. Any other TCP/TLS connection is refused
// (the socket fails as if the port were closed) and reported on stderr with a marker the
// tests look for, so an attempt to reach the network fails the test instead of passing
// quietly or hanging.
import dns from "node:dns";
import net from "node:net";

export const MARKER = "[loopback-only] refused";

const LOOPBACK = new Set(["127.0.0.1", "localhost", "::1", "[::1]", "::ffff:127.0.0.1"]);

function target(args) {
  let first = args[0];
  // net.connect() hands Socket#connect its already normalized [options, callback].
  if (Array.isArray(first)) first = first[0];
  if (first && typeof first === "object") {
    if (first.path !== undefined) return null; // a local (Unix) socket
    return { host: first.host ?? "localhost", port: first.port };
  }
  if (typeof first === "string" && !/^\d+$/.test(first)) return null; // a Unix socket path
  return { host: typeof args[1] === "string" ? args[1] : "localhost", port: first };
}

function refuse(what) {
  process.stderr.write(`${MARKER} ${what}\n`);
  const error = new Error(`${MARKER} ${what}: shell tests stay on 127.0.0.1`);
  error.code = "ECONNREFUSED";
  return error;
}

const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function guardedConnect(...args) {
  const to = target(args);
  if (to && !LOOPBACK.has(String(to.host).toLowerCase())) {
    const error = refuse(`${to.host}:${to.port}`);
    process.nextTick(() => this.destroy(error));
    return this;
  }
  return connect.apply(this, args);
};

// No DNS queries for outside names either.
const lookup = dns.lookup;
dns.lookup = function guardedLookup(hostname, ...rest) {
  if (!LOOPBACK.has(String(hostname).toLowerCase())) {
    const callback = rest.at(-1);
    const error = refuse(`lookup ${hostname}`);
    if (typeof callback === "function") process.nextTick(() => callback(error));
    return {};
  }
  return lookup.call(this, hostname, ...rest);
};
const promisesLookup = dns.promises.lookup;
dns.promises.lookup = function guardedPromisesLookup(hostname, ...rest) {
  if (!LOOPBACK.has(String(hostname).toLowerCase()))
    return Promise.reject(refuse(`lookup ${hostname}`));
  return promisesLookup.call(this, hostname, ...rest);
};
