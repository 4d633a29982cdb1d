/**
 * Just enough of XMLHttpRequest, on top of fetch, for botframework-directlinejs (rxjs 5 `Observable.ajax`) to
 * run in node. Install with `installXhrShim()` before creating a DirectLine; returns an uninstall function.
 */
type Handler = ((this: FetchXhr, event: unknown) => void) | null;

class FetchXhr {
  readyState = 0;
  status = 0;
  statusText = '';
  response: unknown = null;
  responseText = '';
  responseType = '';
  timeout = 0;
  withCredentials = false;
  onreadystatechange: Handler = null;
  onload: Handler = null;
  onerror: Handler = null;
  ontimeout: Handler = null;
  onprogress: Handler = null;
  upload = {};
  private method = 'GET';
  private url = '';
  private headers: Record<string, string> = {};
  private responseHeaders = new Headers();
  private controller = new AbortController();

  open(method: string, url: string): void {
    this.method = method;
    this.url = url;
    this.readyState = 1;
  }

  setRequestHeader(name: string, value: string): void {
    this.headers[name] = value;
  }

  getResponseHeader(name: string): string | null {
    return this.responseHeaders.get(name);
  }

  getAllResponseHeaders(): string {
    const lines: string[] = [];
    this.responseHeaders.forEach((value, key) => lines.push(`${key}: ${value}`));
    return lines.join('\r\n');
  }

  abort(): void {
    this.controller.abort();
  }

  send(body?: string | null): void {
    const timer =
      this.timeout > 0 ? setTimeout(() => this.controller.abort(new Error('timeout')), this.timeout) : undefined;
    fetch(this.url, {
      method: this.method,
      headers: this.headers,
      body: body ?? undefined,
      signal: this.controller.signal,
    })
      .then(async (res) => {
        const text = await res.text();
        this.status = res.status;
        this.statusText = res.statusText;
        this.responseHeaders = res.headers;
        this.responseText = text;
        if (this.responseType === 'json') {
          try {
            this.response = text ? JSON.parse(text) : null;
          } catch {
            this.response = null;
          }
        } else {
          this.response = text;
        }
        this.readyState = 4;
        this.onreadystatechange?.call(this, {});
        this.onload?.call(this, {});
      })
      .catch((error: unknown) => {
        this.readyState = 4;
        this.status = 0;
        if ((error as Error)?.message === 'timeout') this.ontimeout?.call(this, {});
        else this.onerror?.call(this, error);
      })
      .finally(() => clearTimeout(timer));
  }
}

export function installXhrShim(): () => void {
  const g = globalThis as { XMLHttpRequest?: unknown };
  const previous = g.XMLHttpRequest;
  g.XMLHttpRequest = FetchXhr;
  return () => {
    g.XMLHttpRequest = previous;
  };
}
