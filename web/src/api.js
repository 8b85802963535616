// Talking to `wijksim serve`: JSON in and out, errors as the CLI words them.
export class ApiError extends Error {
  constructor(status, body) {
    super(body.error || `HTTP ${status}`);
    this.status = status;
    this.body = body;
  }
}

export async function getJson(path) {
  const response = await fetch(path, { headers: { Accept: "application/json" } });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) throw new ApiError(response.status, body);
  return body;
}

export async function postJson(path, value) {
  const response = await fetch(path, {
    method: "POST",
    headers: { "Content-Type": "application/json", Accept: "application/json" },
    body: JSON.stringify(value),
  });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) throw new ApiError(response.status, body);
  return body;
}

// Calls `onEvent` with each progress event of a run until it is done, failed or cancelled.
export function watchRun(id, onEvent) {
  return new Promise((resolve) => {
    const source = new EventSource(`/api/runs/${encodeURIComponent(id)}/events`);
    source.addEventListener("progress", (event) => {
      const status = JSON.parse(event.data);
      onEvent(status);
      if (["done", "failed", "cancelled"].includes(status.state)) {
        source.close();
        resolve(status);
      }
    });
    source.onerror = () => {
      // The stream ends after the final event; a broken one is picked up again from the run's status.
      if (source.readyState === EventSource.CLOSED) getJson(`/api/runs/${id}`).then(resolve, () => resolve(null));
    };
  });
}
