// Gust managed runtime bootstrap for Node.js.
//
// Started by the platform as `/usr/bin/node bootstrap.mjs` with the working directory set to the
// function's task root. It implements the client side of the AWS Lambda Runtime API (2018-06-01):
// load the handler named by `_HANDLER`, then loop fetching `/runtime/invocation/next`, calling the
// handler and posting its result or error back. Behaviour follows AWS's Node.js runtime interface
// client (nodejs22.x and earlier): handler resolution and its `Runtime.*` errors, the context
// object, callback handlers and `callbackWaitsForEmptyEventLoop`, error JSON
// (`{errorType, errorMessage, trace}`), the console's `time\trequestId\tLEVEL\tmessage` lines, and
// response streaming through `awslambda.streamifyResponse`.
//
// It is one file, so that a normal start loads one module; stemcell.cjs, next to it, is loaded by
// stem cells only.
//
// Implementation notes. Only the standard library is used, loaded once at start. One keep-alive
// socket carries every request to the Runtime API. Completion of callback-style handlers is tied
// to the event loop as on AWS: with `callbackWaitsForEmptyEventLoop` (the default) the response is
// posted from `beforeExit`, which Node emits when nothing but our idle, unreferenced socket is
// left. An invocation that never completes is answered from `beforeExit` too (null, or
// Runtime.NodeJsExit for async handlers). Uncaught exceptions and unhandled rejections are
// reported for the current invocation (or as the init error before the first one), after which
// the process exits (129 and 128), as on AWS.
//
// Started with `_GUST_STEM_CELL=1`, the bootstrap is a stem cell: it loads everything, then waits
// for its function's environment before reading any of it (see stemcell.cjs).

import fs from 'node:fs';
import http from 'node:http';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import util from 'node:util';

const require = createRequire(import.meta.url);

// ---- Errors -------------------------------------------------------------------------------------

function runtimeError(name) {
  const type = class extends Error {};
  type.prototype.name = `Runtime.${name}`;
  return type;
}

const ImportModuleError = runtimeError('ImportModuleError');
const HandlerNotFound = runtimeError('HandlerNotFound');
const MalformedHandlerName = runtimeError('MalformedHandlerName');
const UserCodeSyntaxError = runtimeError('UserCodeSyntaxError');
const UnhandledPromiseRejection = runtimeError('UnhandledPromiseRejection');
const InvalidStreamingOperation = runtimeError('InvalidStreamingOperation');
const MalformedStreamingHandler = runtimeError('MalformedStreamingHandler');
const NodeJsExit = runtimeError('NodeJsExit');
const NODE_JS_EXIT_MESSAGE =
  'The Lambda runtime client detected an unexpected Node.js exit code. This is most commonly ' +
  'caused by a Promise that was never settled. For more information, see ' +
  'https://nodejs.org/docs/latest/api/process.html#exit-codes';

function isErrorLike(value) {
  return Boolean(
    value &&
      typeof value.name === 'string' &&
      value.name &&
      typeof value.message === 'string' &&
      value.message &&
      typeof value.stack === 'string',
  );
}

/** The error JSON Lambda returns to the caller: `{errorType, errorMessage, trace}`. */
function errorResponse(error) {
  try {
    if (util.types.isNativeError(error) || isErrorLike(error)) {
      return {
        errorType: error.name,
        errorMessage: error.message,
        trace: typeof error.stack === 'string' ? error.stack.split('\n') : [],
      };
    }
    return { errorType: typeof error, errorMessage: error.toString(), trace: [] };
  } catch {
    return {
      errorType: 'handled',
      errorMessage:
        'callback called with Error argument, but there was a problem while retrieving one or ' +
        'more of its message, name, and stack',
      trace: [],
    };
  }
}

function intoError(value) {
  return value instanceof Error ? value : new Error(value);
}

/** An error as AWS logs it: a tab, then JSON with its enumerable and standard properties. */
function formatted(error) {
  try {
    return '\t' + JSON.stringify(error, (key, value) => withStandardProperties(value));
  } catch {
    return '\t' + JSON.stringify(errorResponse(error));
  }
}

function withStandardProperties(value) {
  if (!(value instanceof Error)) {
    return value;
  }
  const copy = Object.assign(
    { errorType: value.name, errorMessage: value.message, code: value.code },
    value,
  );
  if (typeof value.stack === 'string') {
    copy.stack = value.stack.split('\n');
  }
  return copy;
}

// ---- Logging ------------------------------------------------------------------------------------

const LEVELS = { TRACE: 1, DEBUG: 2, INFO: 3, WARN: 4, ERROR: 5, FATAL: 6 };
let jsonLogs = false;
let minimumLevel = LEVELS.TRACE;
let currentRequestId; // printed as "undefined" before the first invocation, as on AWS

function jsonErrorReplacer(key, value) {
  if (!(value instanceof Error)) {
    return value;
  }
  return Object.assign(
    {
      errorType: value.constructor?.name ?? 'UnknownError',
      errorMessage: value.message,
      stackTrace: typeof value.stack === 'string' ? value.stack.split('\n') : value.stack,
    },
    value,
  );
}

function jsonLine(time, level, args) {
  const record = { timestamp: time, level, requestId: currentRequestId };
  if (args.length === 1) {
    record.message = args[0];
    try {
      return JSON.stringify(record, jsonErrorReplacer);
    } catch {
      record.message = util.format(args[0]);
      return JSON.stringify(record);
    }
  }
  record.message = util.format(...args);
  const error = args.find((arg) => arg instanceof Error);
  if (error) {
    record.errorType = error.constructor?.name ?? 'UnknownError';
    record.errorMessage = error.message;
    record.stackTrace = typeof error.stack === 'string' ? error.stack.split('\n') : [];
  }
  return JSON.stringify(record);
}

function log(level, args) {
  const time = new Date().toISOString();
  const line = jsonLogs
    ? jsonLine(time, level, args)
    : `${time}\t${currentRequestId}\t${level}\t${util.format(...args)}`;
  // One record per line: embedded newlines become carriage returns, as on AWS.
  process.stdout.write(line.replace(/\n/g, '\r') + '\n');
}

function patchConsole() {
  jsonLogs = process.env.AWS_LAMBDA_LOG_FORMAT?.toUpperCase() === 'JSON';
  minimumLevel = LEVELS[process.env.AWS_LAMBDA_LOG_LEVEL?.toUpperCase()] ?? LEVELS.TRACE;
  const methods = { trace: 'TRACE', debug: 'DEBUG', info: 'INFO', warn: 'WARN', error: 'ERROR' };
  for (const [method, level] of Object.entries(methods)) {
    console[method] = LEVELS[level] >= minimumLevel ? (...args) => log(level, args) : () => {};
  }
  console.log = console.info;
  console.fatal = (...args) => log('FATAL', args);
}

function logError(message, error) {
  if (jsonLogs) {
    console.error(intoError(error));
  } else {
    console.error(message, formatted(intoError(error)));
  }
}

// ---- Runtime API client -------------------------------------------------------------------------

const API_PREFIX = '/2018-06-01/runtime/';
const ERROR_TYPE = 'Lambda-Runtime-Function-Error-Type';
const api = parseAddress(process.env.AWS_LAMBDA_RUNTIME_API ?? '');
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

function parseAddress(address) {
  const colon = address.lastIndexOf(':');
  return {
    host: address.slice(0, colon).replace(/^\[(.*)\]$/, '$1'),
    port: Number(address.slice(colon + 1)),
  };
}

function requestOptions(method, resource, headers) {
  // Lambda's runtime allows 80 KiB of headers (a client context may be large).
  return { agent, ...api, method, path: API_PREFIX + resource, headers, maxHeaderSize: 81920 };
}

/** One request; retried once if a reused keep-alive socket was closed under it. */
function call(method, resource, body, headers) {
  return new Promise((resolve, reject) => {
    const send = (mayRetry) => {
      const request = http.request(requestOptions(method, resource, headers), (response) => {
        const chunks = [];
        response.on('data', (chunk) => chunks.push(chunk));
        response.on('error', reject);
        response.on('end', () =>
          resolve({
            status: response.statusCode,
            headers: response.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
      });
      request.on('error', (error) => {
        if (mayRetry && request.reusedSocket && error.code === 'ECONNRESET') {
          send(false);
        } else {
          reject(error);
        }
      });
      request.end(body);
    };
    send(true);
  });
}

function post(resource, body, errorType) {
  const headers = { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) };
  if (errorType !== undefined) {
    // Header values must be printable ASCII; the body carries the exact type.
    headers[ERROR_TYPE] = String(errorType).replace(/[^\x20-\x7e]/g, '');
  }
  return call('POST', resource, body, headers).catch(apiUnreachable);
}

function postInvocationResponse(id, body) {
  return post(`invocation/${encodeURIComponent(id)}/response`, body);
}

function postInvocationError(id, error) {
  const response = errorResponse(error);
  return post(
    `invocation/${encodeURIComponent(id)}/error`,
    JSON.stringify(response),
    response.errorType,
  );
}

function postInitError(error) {
  const response = errorResponse(error);
  return post('init/error', JSON.stringify(response), response.errorType);
}

function apiUnreachable(error) {
  process.stderr.write(`Gust Node.js runtime: the Runtime API failed: ${error}\n`);
  process.exit(1);
}

/** JSON for a response body; a value JSON cannot represent fails the invocation, as on AWS. */
function serialize(result) {
  let json;
  try {
    json = JSON.stringify(result === undefined ? null : result);
  } catch {
    throw new Error('Unable to stringify response body');
  }
  return json === undefined ? 'null' : json;
}

// ---- Loading the handler ------------------------------------------------------------------------

const STREAMING = Symbol.for('aws.lambda.runtime.handler.streaming');
const HIGH_WATER_MARK = Symbol.for('aws.lambda.runtime.handler.streaming.highWaterMark');

async function loadHandler(taskRoot, fullHandler) {
  if (fullHandler.includes('..')) {
    throw new MalformedHandlerName(
      `'${fullHandler}' is not a valid handler name. Use absolute paths when specifying root ` +
        'directories in handler names.',
    );
  }
  const moduleAndFunction = path.basename(fullHandler);
  const moduleRoot = fullHandler.substring(0, fullHandler.indexOf(moduleAndFunction));
  const match = /^([^.]*)\.(.*)$/.exec(moduleAndFunction);
  if (!match) {
    throw new MalformedHandlerName('Bad handler');
  }
  const [, moduleName, functionPath] = match;
  const userModule = await loadModule(taskRoot, moduleRoot, moduleName);
  const handler = functionPath
    .split('.')
    .reduce((object, key) => object && object[key], userModule);
  if (!handler) {
    throw new HandlerNotFound(`${fullHandler} is undefined or not exported`);
  }
  if (typeof handler !== 'function') {
    throw new HandlerNotFound(`${fullHandler} is not a function`);
  }
  return handler;
}

async function loadModule(taskRoot, moduleRoot, moduleName) {
  try {
    return await findModule(taskRoot, moduleRoot, moduleName);
  } catch (error) {
    if (error instanceof SyntaxError) {
      const wrapped = new UserCodeSyntaxError(String(error));
      wrapped.stack = `${wrapped.name}: ${wrapped.message}\n${error.stack}`;
      throw wrapped;
    }
    // Only CommonJS's code: on AWS an ES module's missing import stays an Error.
    if (error?.code === 'MODULE_NOT_FOUND') {
      throw new ImportModuleError(String(error));
    }
    throw error;
  }
}

/**
 * AWS's lookup order: the extensionless path (CommonJS), `.js` (CommonJS unless the nearest
 * package.json says `"type": "module"`), `.mjs` (ES module), `.cjs`, then Node's own resolution
 * from the task root (for example a package in node_modules).
 */
async function findModule(taskRoot, moduleRoot, moduleName) {
  const base = path.resolve(taskRoot, moduleRoot, moduleName);
  if (fs.existsSync(base)) {
    return require(base);
  }
  const esm = isTypeModule(path.dirname(base));
  if (fs.existsSync(base + '.js')) {
    return esm ? import(pathToFileURL(base + '.js').href) : require(base + '.js');
  }
  if (fs.existsSync(base + '.mjs')) {
    return import(pathToFileURL(base + '.mjs').href);
  }
  if (fs.existsSync(base + '.cjs')) {
    return require(base + '.cjs');
  }
  return require(require.resolve(moduleName, { paths: [taskRoot, moduleRoot] }));
}

function isTypeModule(folder) {
  for (let dir = folder; ; dir = path.dirname(dir)) {
    if (dir.endsWith('/node_modules')) {
      return false;
    }
    const packageJson = path.join(dir, 'package.json');
    if (fs.existsSync(packageJson)) {
      try {
        return JSON.parse(fs.readFileSync(packageJson, 'utf8'))?.type === 'module';
      } catch (error) {
        console.warn(
          `${packageJson} cannot be read, it will be ignored for ES module detection purposes.`,
          error,
        );
        return false;
      }
    }
    if (dir === path.dirname(dir)) {
      return false;
    }
  }
}

function defineAwsLambdaGlobal() {
  globalThis.awslambda = {
    streamifyResponse(handler, options) {
      handler[STREAMING] = 'response';
      if (typeof options?.highWaterMark === 'number') {
        handler[HIGH_WATER_MARK] = Math.trunc(options.highWaterMark);
      }
      return handler;
    },
    HttpResponseStream: class HttpResponseStream {
      static from(stream, prelude) {
        stream.setContentType('application/vnd.awslambda.http-integration-response');
        const json = JSON.stringify(prelude);
        stream._onBeforeFirstWrite = (write) => {
          write(json);
          write(new Uint8Array(8));
        };
        return stream;
      }
    },
  };
}

// ---- The invoke loop ----------------------------------------------------------------------------

let beforeExit = null; // what to do when the event loop empties during an invocation
let onUncaught = (error, exitCode) => postInitError(error).then(() => process.exit(exitCode));

process.on('beforeExit', () => {
  const listener = beforeExit;
  beforeExit = null;
  listener?.();
});

process.on('uncaughtException', (error) => {
  logError('Uncaught Exception', error);
  onUncaught(error, 129);
});

process.on('unhandledRejection', (reason) => {
  let message;
  try {
    message = reason?.toString();
  } catch {
    message = util.inspect(reason);
  }
  const error = new UnhandledPromiseRejection(message);
  error.reason = reason;
  logError('Unhandled Promise Rejection', error);
  onUncaught(error, 128);
});

function scheduleNext(handler) {
  setImmediate(() => next(handler));
}

async function next(handler) {
  let invocation;
  try {
    invocation = await call('GET', 'invocation/next');
  } catch (error) {
    apiUnreachable(error);
  }
  if (invocation.status === 410) {
    process.exit(0); // the environment is shutting down
  }
  if (invocation.status !== 200) {
    apiUnreachable(new Error(`GET invocation/next answered ${invocation.status}`));
  }
  if (handler[STREAMING] === 'response') {
    invokeStreaming(handler, invocation);
  } else {
    invoke(handler, invocation);
  }
}

/** Starts an invocation: request id, trace id, error reporting and the context's data. */
function begin(invocation) {
  const headers = invocation.headers;
  const id = headers['lambda-runtime-aws-request-id'];
  currentRequestId = id;
  if (headers['lambda-runtime-trace-id']) {
    process.env._X_AMZN_TRACE_ID = headers['lambda-runtime-trace-id'];
  } else {
    delete process.env._X_AMZN_TRACE_ID;
  }
  onUncaught = (error, exitCode) =>
    postInvocationError(id, error).then(() => process.exit(exitCode));
  return id;
}

function contextData(headers) {
  const deadline = parseInt(headers['lambda-runtime-deadline-ms'], 10);
  const env = process.env;
  return {
    functionVersion: env.AWS_LAMBDA_FUNCTION_VERSION,
    functionName: env.AWS_LAMBDA_FUNCTION_NAME,
    memoryLimitInMB: env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE,
    logGroupName: env.AWS_LAMBDA_LOG_GROUP_NAME,
    logStreamName: env.AWS_LAMBDA_LOG_STREAM_NAME,
    clientContext: parseHeader(headers['lambda-runtime-client-context'], 'ClientContext'),
    identity: parseHeader(headers['lambda-runtime-cognito-identity'], 'CognitoIdentity'),
    invokedFunctionArn: headers['lambda-runtime-invoked-function-arn'],
    awsRequestId: headers['lambda-runtime-aws-request-id'],
    getRemainingTimeInMillis: () => deadline - Date.now(),
  };
}

function parseHeader(value, name) {
  if (value === undefined) {
    return undefined;
  }
  try {
    return JSON.parse(value);
  } catch (error) {
    throw new Error(`Cannot parse ${name} as json: ${error}`);
  }
}

function invoke(handler, invocation) {
  const id = begin(invocation);
  const after = () => scheduleNext(handler);
  let reported = false; // a response was posted (or is no longer wanted)
  let settled = false; // the callback or one of succeed/fail/done was called
  let waitForEmptyEventLoop = true;

  const fail = (error) => {
    logError('Invoke Error', error);
    postInvocationError(id, error).then(after);
  };
  const complete = (result) => {
    if (reported) {
      console.error(
        'Invocation has already been reported as done. ' +
          'Cannot call complete more than once per invocation.',
      );
      return;
    }
    reported = true;
    postInvocationResponse(id, serialize(result)).then(after);
  };
  const done = (error, result) => {
    beforeExit = null;
    if (error !== undefined && error !== null) {
      fail(error);
    } else {
      complete(result);
    }
  };
  const callback = (error, result) => {
    beforeExit = null;
    if (error !== undefined && error !== null) {
      fail(error);
    } else if (!waitForEmptyEventLoop) {
      complete(result);
    } else {
      beforeExit = () => setImmediate(() => complete(result));
    }
  };
  // Only the first of callback, succeed, fail and done counts; one that throws does not count.
  const once =
    (fn) =>
    (...args) => {
      if (!settled) {
        fn(...args);
        settled = true;
      }
    };
  const context = {
    get callbackWaitsForEmptyEventLoop() {
      return waitForEmptyEventLoop;
    },
    set callbackWaitsForEmptyEventLoop(value) {
      waitForEmptyEventLoop = value;
    },
    succeed: once((result) => done(null, result)),
    fail: once((error) => (error === undefined || error === null ? done('handled') : done(error))),
    done: once(done),
  };
  const onceCallback = once(callback);

  const isAsync = handler.constructor?.name === 'AsyncFunction';
  beforeExit = () => {
    reported = true;
    if (isAsync) {
      fail(new NodeJsExit(NODE_JS_EXIT_MESSAGE));
    } else {
      postInvocationResponse(id, 'null').then(after);
    }
  };

  try {
    const event = JSON.parse(invocation.body);
    Object.assign(context, contextData(invocation.headers));
    const result = handler(event, context, onceCallback);
    if (result && typeof result.then === 'function') {
      result.then(context.succeed, context.fail).catch(context.fail);
    }
  } catch (error) {
    onceCallback(error);
  }
}

// ---- Response streaming -------------------------------------------------------------------------

const ERROR_BODY = 'Lambda-Runtime-Function-Error-Body';

function responseStream(id) {
  let written = false;
  const headers = {
    'Lambda-Runtime-Function-Response-Mode': 'streaming',
    'Transfer-Encoding': 'chunked',
    Trailer: `${ERROR_TYPE}, ${ERROR_BODY}`,
    'Content-Type': 'application/octet-stream',
  };
  const stream = http.request(
    requestOptions('POST', `invocation/${encodeURIComponent(id)}/response`, headers),
  );
  stream.answered = new Promise((resolve) => {
    stream.on('response', (response) => response.on('end', resolve).resume());
    stream.on('error', resolve); // the platform ended the exchange (for example, too large)
  });
  const write = stream.write.bind(stream);
  const end = stream.end.bind(stream);
  stream.setContentType = (contentType) => {
    if (written) {
      throw new InvalidStreamingOperation('Cannot set content-type, too late.');
    }
    stream.setHeader('Content-Type', contentType);
  };
  stream.write = (chunk, encoding, callback) => {
    if (typeof chunk !== 'string' && !(chunk instanceof Uint8Array)) {
      chunk = JSON.stringify(chunk);
    }
    if (!written && typeof stream._onBeforeFirstWrite === 'function') {
      stream._onBeforeFirstWrite((prelude) => write(prelude));
    }
    written = true;
    return write(chunk, encoding, callback);
  };
  stream.end = (chunk, encoding, callback) => {
    if (typeof chunk === 'function') {
      return end(chunk);
    }
    if (chunk !== undefined && chunk !== null) {
      stream.write(chunk, typeof encoding === 'string' ? encoding : undefined);
    }
    return end(typeof encoding === 'function' ? encoding : callback);
  };
  stream.fail = (error) => {
    logError('Invoke Error', error);
    if (stream.writableEnded) {
      return;
    }
    const response = errorResponse(error);
    stream.addTrailers({
      [ERROR_TYPE]: String(response.errorType).replace(/[^\x20-\x7e]/g, ''),
      [ERROR_BODY]: Buffer.from(JSON.stringify(response)).toString('base64'),
    });
    stream.end();
  };
  return stream;
}

async function invokeStreaming(handler, invocation) {
  const id = begin(invocation);
  let waitForEmptyEventLoop = true;
  const context = {
    get callbackWaitsForEmptyEventLoop() {
      return waitForEmptyEventLoop;
    },
    set callbackWaitsForEmptyEventLoop(value) {
      waitForEmptyEventLoop = value;
    },
  };
  const stream = responseStream(id);
  beforeExit = () => scheduleNext(handler);
  try {
    const event = JSON.parse(invocation.body);
    const result = handler(event, stream, Object.assign(context, contextData(invocation.headers)));
    if (!result || typeof result.then !== 'function') {
      stream.fail('Streaming does not support non-async handlers.');
    } else if ((await result) !== undefined) {
      console.warn('Streaming handlers ignore return values.');
    }
    if (!stream.writableEnded) {
      stream.fail('Response stream is not finished.');
    }
  } catch (error) {
    stream.fail(error);
  }
  await stream.answered;
  beforeExit = null;
  if (waitForEmptyEventLoop) {
    beforeExit = () => setImmediate(() => scheduleNext(handler));
  } else {
    scheduleNext(handler);
  }
}

// ---- Start --------------------------------------------------------------------------------------

if (process.env._GUST_STEM_CELL === '1') {
  const stemCell = require.resolve('./stemcell.cjs');
  const { specialize } = require(stemCell);
  delete require.cache[stemCell]; // no trace for the function to find
  await specialize({ call, agent, apiUnreachable });
}
patchConsole();
defineAwsLambdaGlobal();
let handler;
try {
  handler = await loadHandler(
    process.env.LAMBDA_TASK_ROOT ?? process.cwd(),
    process.env._HANDLER ?? '',
  );
  const streaming = handler[STREAMING];
  if (streaming != null && streaming !== false && streaming !== 'response') {
    throw new MalformedStreamingHandler('Only response streaming is supported.');
  }
} catch (error) {
  logError('Uncaught Exception', error);
  await postInitError(error);
  process.exit(129);
}
scheduleNext(handler);
