"""Gust managed runtime bootstrap for Python.

Started by the platform as ``python3 -u bootstrap.py`` with the working
directory set to the function's task root.  It implements the client side of
the AWS Lambda Runtime API (version 2018-06-01): import the handler named by
``_HANDLER``, then loop forever fetching ``/runtime/invocation/next``, calling
the handler and posting its result or error back.

Only the standard library is used, and only the modules the hot path needs.

Stem cells.  Started with ``_GUST_STEM_CELL=1`` before any function is known,
the bootstrap loads everything above, connects to its Runtime API and
long-polls Gust's ``/runtime/gust/specialization`` for the function's
environment.  It then becomes the process a normal start of that function
would have been: same ``os.environ``, working directory and ``sys.path``
(``PYTHONPATH`` applied as the interpreter applies it at start), and the same
modules loaded (the cell imports nothing a normal start does not, so the task
root shadows the same module names).  What the interpreter or the C library
only read at process start (other ``PYTHON*`` variables, ``LANG``/``LC_*``,
``LD_*``, ``MALLOC_*``, ``GLIBC_TUNABLES``, ``HOME``) cannot be changed in
place: when the function's value of one differs from the cell's, the cell
execs a normal start with the function's environment instead.
"""

import importlib
import json
import os
import socket
import sys
import time
import traceback

API_PREFIX = "/2018-06-01/runtime"
ERROR_TYPE_HEADER = "Lambda-Runtime-Function-Error-Type"
JSON_HEADERS = {"Content-Type": "application/json"}
_THIS_FILE = os.path.abspath(__file__)
_OWN_FILES = (__file__, _THIS_FILE)


class RuntimeFault(Exception):
    """A runtime-level failure reported under a ``Runtime.*`` error type."""

    def __init__(self, error_type, message, stack_trace=None):
        super().__init__(message)
        self.error_type = error_type
        self.message = message
        self.stack_trace = stack_trace or []


class CognitoIdentity(object):
    """``context.identity``: the Cognito identity that authorised the call."""

    __slots__ = ("cognito_identity_id", "cognito_identity_pool_id")

    def __init__(self, data=None):
        data = data or {}
        self.cognito_identity_id = data.get("cognitoIdentityId")
        self.cognito_identity_pool_id = data.get("cognitoIdentityPoolId")


class Client(object):
    """``context.client_context.client``: the calling mobile application."""

    __slots__ = ("installation_id", "app_title", "app_version_name",
                 "app_version_code", "app_package_name")

    def __init__(self, data):
        for name in self.__slots__:
            setattr(self, name, data.get(name))


class ClientContext(object):
    """``context.client_context``: data sent by the client application."""

    __slots__ = ("custom", "env", "client")

    def __init__(self, data):
        client = data.get("client")
        self.client = Client(client) if isinstance(client, dict) else client
        self.custom = data.get("custom")
        self.env = data.get("env")


class LambdaContext(object):
    """The context object passed as the handler's second argument."""

    # Per-process values are class attributes (set by _configure at init):
    # nothing to copy per invocation. No __slots__, so that (as on AWS) user
    # code may attach attributes.
    function_name = None
    function_version = None
    log_group_name = None
    log_stream_name = None
    memory_limit_in_mb = None

    @classmethod
    def _configure(cls, environ):
        """Read the function's per-process values from its environment."""
        cls.function_name = environ.get("AWS_LAMBDA_FUNCTION_NAME")
        cls.function_version = environ.get("AWS_LAMBDA_FUNCTION_VERSION")
        cls.log_group_name = environ.get("AWS_LAMBDA_LOG_GROUP_NAME")
        cls.log_stream_name = environ.get("AWS_LAMBDA_LOG_STREAM_NAME")
        try:
            cls.memory_limit_in_mb = int(environ.get("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", ""))
        except ValueError:
            cls.memory_limit_in_mb = None

    def __init__(self, request_id, deadline_ms, arn, identity, client_context,
                 tenant_id=None):
        self.aws_request_id = request_id
        self._deadline_ms = deadline_ms
        self.invoked_function_arn = arn
        self.identity = identity
        self.client_context = client_context
        self.tenant_id = tenant_id

    def get_remaining_time_in_millis(self):
        """Milliseconds left before the invocation times out (never negative)."""
        remaining = self._deadline_ms - int(time.time() * 1000)
        return remaining if remaining > 0 else 0

    def __repr__(self):
        return "LambdaContext(aws_request_id=%r, function_name=%r)" % (
            self.aws_request_id, self.function_name)


class RuntimeClient(object):
    """Runtime API client over one persistent, timeout-free HTTP/1.1 connection.

    Speaks just the HTTP the Runtime API needs over a plain socket: the
    standard library's http.client costs ~40 ms of imports (email, ssl) at
    every cold start, this costs none."""

    def __init__(self, address):
        self.address = address
        host, _, port = address.rpartition(":")
        self.target = (host, int(port))
        self.sock = None
        self.reader = None

    def request(self, method, path, body=None, headers=None):
        """Send one request and return ``(status, headers, body)`` with
        lower-cased header names; on a dropped connection reconnect and retry
        once."""
        payload = body or b""
        lines = ["%s %s%s HTTP/1.1" % (method, API_PREFIX, path), "Host: " + self.address,
                 "Content-Length: %d" % len(payload)]
        for name, value in (headers or {}).items():
            lines.append("%s: %s" % (name, value))
        message = ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + payload
        for attempt in (0, 1):
            try:
                if self.sock is None:
                    # timeout=None explicitly: /next is a long poll, and user code
                    # may have changed socket.setdefaulttimeout().
                    self.sock = socket.create_connection(self.target, timeout=None)
                    self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
                    self.reader = self.sock.makefile("rb")
                self.sock.sendall(message)
                return self.read_response()
            except OSError:
                self.close()
                if attempt:
                    raise

    def read_response(self):
        status_line = self.reader.readline()
        if not status_line:
            raise ConnectionError("the Runtime API closed the connection")
        status = int(status_line.split(None, 2)[1])
        headers = {}
        while True:
            line = self.reader.readline()
            if line in (b"\r\n", b"\n", b""):
                break
            name, _, value = line.decode("latin-1").partition(":")
            headers[name.strip().lower()] = value.strip()
        if "content-length" in headers:
            body = self.reader.read(int(headers["content-length"]))
        elif headers.get("transfer-encoding", "").lower() == "chunked":
            body = self.read_chunks()
        else:
            body = b""
        if headers.get("connection", "").lower() == "close":
            self.close()
        return status, headers, body

    def read_chunks(self):
        parts = []
        while True:
            size = int(self.reader.readline().split(b";", 1)[0], 16)
            if size == 0:
                while self.reader.readline() not in (b"\r\n", b"\n", b""):
                    pass
                return b"".join(parts)
            parts.append(self.reader.read(size))
            self.reader.readline()

    def close(self):
        for closable in (self.reader, self.sock):
            if closable is not None:
                try:
                    closable.close()
                except OSError:
                    pass
        self.sock = None
        self.reader = None

    def post_json(self, path, payload, headers):
        """POST an already-encoded JSON body, warning on a non-2xx answer."""
        status, _, body = self.request("POST", path, payload, headers)
        if not 200 <= status < 300:
            write_stderr("[WARN] Runtime API %s answered %d: %r\n"
                         % (path, status, body[:200]))


def write_stderr(text):
    """Write to stderr and flush immediately so the platform sees it now."""
    sys.stderr.write(text)
    sys.stderr.flush()


def to_json_bytes(value):
    """Serialise a handler result; Decimal becomes int or float."""
    try:
        text = json.dumps(value, default=_json_default, ensure_ascii=False)
    except Exception as e:  # TypeError, ValueError (circular), RecursionError
        raise RuntimeFault("Runtime.MarshalError",
                           "Unable to marshal response: %s" % e)
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:  # lone surrogates: fall back to \u escapes
        return json.dumps(value, default=_json_default).encode("ascii")


def _json_default(obj):
    """``json.dumps`` hook: Decimal -> int/float, anything else is an error."""
    decimal = sys.modules.get("decimal")  # loaded iff user code can make one
    if decimal is not None and isinstance(obj, decimal.Decimal):
        if obj.is_finite() and obj == obj.to_integral_value():
            return int(obj)
        return float(obj)
    raise TypeError("Object of type %s is not JSON serializable" % type(obj).__name__)


def make_error(error_type, message, stack_trace, request_id=None):
    """Build the JSON error document the Runtime API expects."""
    error = {"errorMessage": message or "", "errorType": error_type or ""}
    if request_id is not None:
        error["requestId"] = request_id
    error["stackTrace"] = stack_trace or []
    return error


def format_stack(tb):
    """Format a traceback like AWS: user frames only, no column carets."""
    frames = traceback.extract_tb(tb)
    start = 0
    while start < len(frames) - 1 and (
            frames[start].filename in _OWN_FILES or "importlib" in frames[start].filename):
        start += 1
    return traceback.format_list(
        [(f.filename, f.lineno, f.name, f.line) for f in frames[start:]])


def log_error(error):
    """Log an error document to stderr the way AWS's Python runtime does."""
    lines = ["[ERROR] %s: %s" % (error["errorType"], error["errorMessage"]),
             "Traceback (most recent call last):"]
    for entry in error["stackTrace"]:
        lines.extend(entry.splitlines())
    write_stderr("\n".join(lines) + "\n")


def load_handler(handler_name):
    """Import the handler module and return the handler function.

    Raises RuntimeFault with the same error types and messages as AWS."""
    try:
        module_name, function_name = handler_name.rsplit(".", 1)
    except ValueError as e:
        raise RuntimeFault("Runtime.MalformedHandlerName",
                           "Bad handler '%s': %s" % (handler_name, e))
    if module_name.split(".")[0] in sys.builtin_module_names:
        raise RuntimeFault("Runtime.BuiltInModuleConflict",
                           "Cannot use built-in module %s as a handler module" % module_name)
    try:
        module = importlib.import_module(module_name.replace("/", "."))
    except ImportError as e:
        raise RuntimeFault("Runtime.ImportModuleError",
                           "Unable to import module '%s': %s" % (module_name, e))
    except SyntaxError as e:
        trace = ['  File "%s" Line %s\n    %s' % (e.filename, e.lineno, e.text)]
        raise RuntimeFault("Runtime.UserCodeSyntaxError",
                           "Syntax error in module '%s': %s" % (module_name, e), trace)
    try:
        return getattr(module, function_name)
    except AttributeError:
        raise RuntimeFault("Runtime.HandlerNotFound",
                           "Handler '%s' missing on module '%s'" % (function_name, module_name))


def line_buffered_stdio():
    """Flush stdout and stderr at every line, so logs reach the platform now."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(line_buffering=True)
        except (AttributeError, ValueError):
            pass


def init(client):
    """Set up sys.path, stdio and the handler; on failure report and exit 1."""
    LambdaContext._configure(os.environ)
    task_root = os.environ.get("LAMBDA_TASK_ROOT") or os.getcwd()
    script_dir = os.path.dirname(_THIS_FILE)
    sys.path[:] = [p for p in sys.path if os.path.abspath(p or ".") != script_dir]
    sys.path.insert(0, task_root)
    line_buffered_stdio()
    try:
        return load_handler(os.environ.get("_HANDLER", ""))
    except RuntimeFault as e:
        error = make_error(e.error_type, e.message, e.stack_trace)
    except Exception as e:  # user code raised while being imported
        error = make_error(type(e).__name__, str(e), format_stack(e.__traceback__))
    log_error(error)
    client.post_json("/init/error", json.dumps(error).encode("utf-8"),
                     {ERROR_TYPE_HEADER: error["errorType"],
                      "Content-Type": "application/json"})
    sys.exit(1)


def build_context(request_id, headers):
    """Create the LambdaContext from the /next headers (lower-cased dict)."""
    try:
        deadline_ms = int(headers.get("lambda-runtime-deadline-ms") or 0)
    except ValueError:
        deadline_ms = 0
    raw = headers.get("lambda-runtime-cognito-identity")
    identity = CognitoIdentity(json.loads(raw) if raw else None)
    raw = headers.get("lambda-runtime-client-context")
    client_context = ClientContext(json.loads(raw)) if raw else None
    return LambdaContext(request_id, deadline_ms,
                         headers.get("lambda-runtime-invoked-function-arn"),
                         identity, client_context,
                         headers.get("lambda-runtime-aws-tenant-id"))


def invoke(client, handler, headers, body):
    """Run one invocation and post its response or error."""
    request_id = headers.get("lambda-runtime-aws-request-id")
    trace_id = headers.get("lambda-runtime-trace-id")
    if trace_id:
        os.environ["_X_AMZN_TRACE_ID"] = trace_id
    elif "_X_AMZN_TRACE_ID" in os.environ:
        del os.environ["_X_AMZN_TRACE_ID"]
    try:
        try:
            event = json.loads(body)
        except ValueError as e:
            raise RuntimeFault("Runtime.UnmarshalError", "Unable to unmarshal input: %s" % e)
        try:
            context = build_context(request_id, headers)
        except (ValueError, AttributeError) as e:
            raise RuntimeFault("Runtime.LambdaContextUnmarshalError",
                               "Unable to parse context: %s" % e)
        payload = to_json_bytes(handler(event, context))
    except RuntimeFault as e:
        error = make_error(e.error_type, e.message, e.stack_trace, request_id)
    except Exception as e:
        error = make_error(type(e).__name__, str(e), format_stack(e.__traceback__), request_id)
    else:
        sys.stdout.flush()
        client.post_json("/invocation/%s/response" % request_id, payload, JSON_HEADERS)
        return
    log_error(error)
    sys.stdout.flush()
    client.post_json("/invocation/%s/error" % request_id, json.dumps(error).encode("utf-8"),
                     {ERROR_TYPE_HEADER: error["errorType"],
                      "Content-Type": "application/json"})


_START_ONLY_PREFIXES = ("PYTHON", "LC_", "LD_", "MALLOC_")
_START_ONLY_NAMES = ("LANG", "HOME", "GLIBC_TUNABLES")


def read_only_at_start(name, cell_env):
    """Whether the interpreter or libc reads ``name`` at start only.

    ``PYTHONPATH`` is applied in place when the cell has none."""
    if name == "PYTHONPATH" and "PYTHONPATH" not in cell_env:
        return False
    return name.startswith(_START_ONLY_PREFIXES) or name in _START_ONLY_NAMES


def environment_at_exec(fallback):
    """The environment this process was started with, before the interpreter
    changed it; ``fallback`` where /proc cannot tell."""
    try:
        with open("/proc/self/environ", "rb") as f:
            block = f.read()
    except OSError:
        return fallback
    env = {}
    for entry in block.split(b"\0"):
        name, sep, value = entry.partition(b"=")
        if sep and name:
            env[os.fsdecode(name)] = os.fsdecode(value)
    return env


def specialize(client):
    """Stem cell: wait for the function's environment, then become the
    process a normal start of the function would be, up to ``init``."""
    try:
        status, _, body = client.request("GET", "/gust/specialization")
    except OSError as e:
        write_stderr("[ERROR] Runtime API unreachable: %s\n" % e)
        sys.exit(1)
    if status == 410:  # the cell was discarded before it was used
        sys.exit(0)
    if status != 200:
        write_stderr("[ERROR] Runtime API /gust/specialization answered %d: %r\n"
                     % (status, body[:200]))
        sys.exit(1)
    env = json.loads(body)["environment"]
    cell_env = dict(os.environ)
    started_with = environment_at_exec(cell_env)
    task_root = env.get("LAMBDA_TASK_ROOT") or os.getcwd()
    os.chdir(task_root)
    for name in set(env).union(started_with):
        if read_only_at_start(name, started_with) and env.get(name) != started_with.get(name):
            client.close()
            argv = getattr(sys, "orig_argv", None) or [sys.executable, "-u", _THIS_FILE]
            os.execve(sys.executable, argv, env)
    os.environ.clear()
    os.environ.update(env)
    # What the interpreter set at start (LC_CTYPE when it coerces the C locale)
    # it would have set the same way in a normal start.
    for name, value in cell_env.items():
        if started_with.get(name) != value:
            os.environ[name] = value
    if env.get("TZ") != cell_env.get("TZ"):
        time.tzset()
    if env.get("PYTHONPATH"):
        # As the interpreter does at start: each entry made absolute (an empty
        # one is the working directory) ahead of the standard library, then
        # duplicates dropped (site.removeduppaths).
        entries = [os.path.abspath(p) for p in env["PYTHONPATH"].split(os.pathsep)]
        seen = set()
        path = []
        for entry in entries + [os.path.abspath(p) for p in sys.path[1:]]:
            if entry not in seen:
                seen.add(entry)
                path.append(entry)
        sys.path[1:] = path


def main():
    """Entry point: initialise, then serve invocations until killed."""
    client = RuntimeClient(os.environ["AWS_LAMBDA_RUNTIME_API"])
    if os.environ.get("_GUST_STEM_CELL") == "1":
        line_buffered_stdio()
        # The process's first compile() costs ~1 ms more than later ones; the
        # handler's import would pay it.
        compile("", "<stem cell>", "exec")
        specialize(client)
    handler = init(client)
    while True:
        status, headers, body = client.request("GET", "/invocation/next")
        if status != 200:
            write_stderr("[ERROR] Runtime API /next answered %d: %r\n"
                         % (status, body[:200]))
            sys.exit(1)
        invoke(client, handler, headers, body)


if __name__ == "__main__":
    main()
