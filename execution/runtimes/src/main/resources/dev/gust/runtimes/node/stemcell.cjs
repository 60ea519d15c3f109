// Gust's Node.js stem cells: a bootstrap started with `_GUST_STEM_CELL=1` before any function is
// known loads this module once it has loaded everything else, and calls `specialize`.
//
// `specialize` long-polls the Runtime API's `/runtime/gust/specialization` for the function's
// environment (after one `POST /runtime/gust/ready`, see below) and makes the process
// what a normal start of that function would have been, before the bootstrap reads any of that
// environment: `process.env` replaced (names the function does not have are deleted, so the cell's
// own leave no trace), the working directory the task root, and CommonJS's global folders
// recomputed from `NODE_PATH` and `HOME` as Node computes them at start. The bootstrap then
// configures logging and loads the handler as it always does.
//
// What a cell does ahead only warms code that every start runs: the round trip to `gust/ready`
// (answered at once) runs the HTTP client's response path once, and loading this file as CommonJS
// runs the CommonJS loader once (the bootstrap drops it from `require.cache` again). Each saves
// about 2 ms on the specialized path.
//
// What Node or the C library only read at process start (`NODE_OPTIONS` and the other `NODE_*`
// variables, `UV_*`, `LANG`/`LC_*`, `LD_*`, `MALLOC_*`, `GLIBC_TUNABLES`, `OPENSSL_*`) cannot be
// changed in place. When the function's value of one differs from the cell's, the cell runs a
// normal start of the bootstrap as its child, with the function's environment and this process's
// standard streams, forwards termination signals to it and ends as it ends (Node 20 has no execve).

'use strict';

const Module = require('node:module');

const START_ONLY = /^(NODE_|UV_|LC_|LD_|MALLOC_|OPENSSL_)|^(LANG|GLIBC_TUNABLES)$/;

/**
 * Waits for the function's environment and applies it; exits if the cell is discarded first. The
 * bootstrap passes its Runtime API client: `call`, its keep-alive `agent` and `apiUnreachable`.
 */
async function specialize({ call, agent, apiUnreachable }) {
  let answer;
  try {
    await call('POST', 'gust/ready', '', { 'Content-Length': 0 });
    answer = await call('GET', 'gust/specialization');
  } catch (error) {
    apiUnreachable(error);
  }
  if (answer.status === 410) {
    process.exit(0); // the cell was discarded before it was used
  }
  if (answer.status !== 200) {
    apiUnreachable(new Error(`GET gust/specialization answered ${answer.status}`));
  }
  const env = JSON.parse(answer.body).environment;
  const cellEnv = { ...process.env };
  process.chdir(env.LAMBDA_TASK_ROOT ?? process.cwd());
  for (const name of new Set([...Object.keys(env), ...Object.keys(cellEnv)])) {
    if (name !== 'NODE_PATH' && START_ONLY.test(name) && env[name] !== cellEnv[name]) {
      return restart(env, agent);
    }
  }
  for (const name of Object.keys(process.env)) {
    delete process.env[name];
  }
  Object.assign(process.env, env);
  if (env.NODE_PATH !== cellEnv.NODE_PATH || env.HOME !== cellEnv.HOME) {
    Module._initPaths();
  }
}

/** Runs a normal start of the bootstrap with `env` as a child; never settles, exits with it. */
function restart(env, agent) {
  agent.destroy();
  const child = require('node:child_process').spawn(
    process.execPath,
    [...process.execArgv, ...process.argv.slice(1)],
    { env, stdio: 'inherit' },
  );
  const forwarded = ['SIGTERM', 'SIGINT', 'SIGHUP'];
  for (const signal of forwarded) {
    process.on(signal, () => child.kill(signal));
  }
  return new Promise(() => {
    child.on('exit', (code, signal) => {
      if (signal) {
        forwarded.forEach((name) => process.removeAllListeners(name));
        process.kill(process.pid, signal);
      }
      process.exit(code ?? 1);
    });
  });
}

module.exports = { specialize };
