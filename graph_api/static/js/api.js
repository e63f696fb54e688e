// Talking to the puckpath API: JSON in, JSON out, errors as ApiError with the server's detail.

export class ApiError extends Error {
  constructor(status, code, detail) {
    super(typeof detail === "string" ? detail : describeDetail(detail) || `HTTP ${status}`);
    this.status = status;
    this.code = code;
    this.detail = detail;
  }
}

function describeDetail(detail) {
  if (Array.isArray(detail)) {
    return detail.map((d) => `${(d.loc || []).filter((x) => x !== "query").join(".")}: ${d.msg}`).join("; ");
  }
  if (detail && typeof detail === "object") return detail.message || JSON.stringify(detail);
  return "";
}

// Build a query string; arrays become repeated keys, empty values are left out.
export function queryString(params) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params || {})) {
    if (value === undefined || value === null || value === "") continue;
    if (Array.isArray(value)) value.forEach((v) => search.append(key, String(v)));
    else search.append(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : "";
}

export async function request(method, path, { params, body, signal } = {}) {
  let response;
  try {
    response = await fetch(path + queryString(params), {
      method,
      signal,
      headers: body === undefined ? { Accept: "application/json" } : { Accept: "application/json", "Content-Type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (err) {
    if (err.name === "AbortError") throw err;
    throw new ApiError(0, "network", "The server cannot be reached. Check your connection and try again.");
  }
  let data = null;
  const text = await response.text();
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = { detail: text };
    }
  }
  if (!response.ok) {
    const code = (data && data.error) || `http_${response.status}`;
    throw new ApiError(response.status, code, data && data.detail !== undefined ? data.detail : text);
  }
  return data;
}

export const getJSON = (path, params, signal) => request("GET", path, { params, signal });
export const postJSON = (path, body) => request("POST", path, { body });
