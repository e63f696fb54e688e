// Battles: create or join a room over HTTP, then play over the WebSocket
// (docs/battle-protocol.md). The seat token is kept in localStorage per room, so a reload
// (or a dropped connection) rejoins the same seat.

import { ApiError, postJSON } from "./api.js";
import { PROTOCOL_VERSION, RoomModel } from "./battle_room.js";
import { RoomView } from "./battle_view.js";
import { CLOSE } from "./battle_close_codes.js";
import { seasonFromYear, setStatus } from "./format.js";

const $ = (id) => document.getElementById(id);
const STORAGE_PREFIX = "puckpath.seat.";
// Closes after which trying again cannot help (see the protocol's close codes).
const FINAL_CLOSES = {
  [CLOSE.NORMAL]: "",
  [CLOSE.POLICY_VIOLATION]: "The server refused the connection",
  [CLOSE.REPLACED]: "This seat was opened in another tab",
  [CLOSE.ROOM_LOST]: "This room no longer exists",
};
const MAX_RETRIES = 8;

export const savedSeat = (code) => JSON.parse(localStorage.getItem(STORAGE_PREFIX + code) || "null");
const saveSeat = (code, seat) => localStorage.setItem(STORAGE_PREFIX + code, JSON.stringify(seat));
const forgetSeat = (code) => localStorage.removeItem(STORAGE_PREFIX + code);

export class Battles {
  constructor() {
    this.status = $("battle-status");
    this.lobby = $("battle-lobby");
    this.roomRoot = $("battle-room");
    this.socket = null;
    this.code = null;
    this.retries = 0;
    this.closing = false;
    this.timer = null;
    $("create-room").addEventListener("submit", (e) => { e.preventDefault(); this.create(); });
    $("join-room").addEventListener("submit", (e) => { e.preventDefault(); this.join(); });
    $("spectate").addEventListener("click", () => this.spectate());
    for (const radio of document.querySelectorAll('input[name="mode"]')) {
      radio.addEventListener("change", () => this.modeChanged());
    }
    // The battle code loads after the page: honour a mode chosen meanwhile, then let the
    // lobby's buttons work (they are disabled in the HTML so no form submits without it).
    this.modeChanged();
    for (const control of document.querySelectorAll("[data-battle-control]")) control.disabled = false;
  }

  modeChanged() {
    const race = document.querySelector('input[name="mode"]:checked').value === "race";
    $("turn-seconds-field").hidden = race;
    $("race-seconds-field").hidden = !race;
    $("create-lives-label").textContent = race ? "Attempts" : "Lives";
  }

  loadFromUrl(params) {
    const code = (params.get("room") || "").toUpperCase();
    if (!code) {
      if (!this.code) this.showLobby();
      return;
    }
    if (code === this.code && this.socket) return;
    const seat = savedSeat(code);
    if (seat) {
      this.enter(code, { type: "join", v: PROTOCOL_VERSION, token: seat.token }, seat);
    } else {
      this.showLobby();
      $("join-code").value = code;
      setStatus(this.status, `You are invited to room ${code}: enter your name and join, or watch.`);
      $("join-name").focus();
    }
  }

  showLobby() {
    this.lobby.hidden = false;
    this.roomRoot.hidden = true;
  }

  // ---- HTTP: create / join ---------------------------------------------------------------
  async create() {
    const mode = document.querySelector('input[name="mode"]:checked').value;
    const body = {
      name: $("create-name").value.trim(),
      mode,
      difficulty: $("create-difficulty").value,
      lives: Number($("create-lives").value) || undefined,
      turn_seconds: mode === "chain" ? Number($("create-seconds").value) || undefined : undefined,
      race_seconds: mode === "race" ? Number($("create-race-seconds").value) || undefined : undefined,
      from_season: seasonFromYear($("create-from-season").value) || undefined,
      to_season: seasonFromYear($("create-to-season").value) || undefined,
      played_together: $("create-played-together").checked,
    };
    if (!body.name) {
      setStatus(this.status, "Enter your name first.", "error");
      $("create-name").focus();
      return;
    }
    await this.seatThen(() => postJSON("/battles", body), body.name);
  }

  async join() {
    const code = $("join-code").value.trim().toUpperCase();
    const name = $("join-name").value.trim();
    if (!code || !name) {
      setStatus(this.status, "Enter the room code and your name.", "error");
      return;
    }
    const seat = savedSeat(code);
    if (seat) {
      this.open(code, { type: "join", v: PROTOCOL_VERSION, token: seat.token }, seat);
      return;
    }
    await this.seatThen(() => postJSON(`/battles/${encodeURIComponent(code)}/players`, { name }), name);
  }

  async seatThen(request, name) {
    setStatus(this.status, "Opening the room…", "busy");
    let answer;
    try {
      answer = await request();
    } catch (err) {
      setStatus(this.status, describe(err), "error");
      return;
    }
    const seat = { token: answer.token, seat: answer.seat, name };
    saveSeat(answer.code, seat);
    this.open(answer.code, { type: "join", v: PROTOCOL_VERSION, token: answer.token }, seat);
  }

  spectate() {
    const code = $("join-code").value.trim().toUpperCase();
    if (!code) {
      setStatus(this.status, "Enter the room code to watch.", "error");
      return;
    }
    this.open(code, { type: "join", v: PROTOCOL_VERSION, spectate: true }, null);
  }

  open(code, joinFrame, seat) {
    history.pushState({}, "", `/?room=${encodeURIComponent(code)}`);
    this.enter(code, joinFrame, seat);
  }

  // ---- the WebSocket ---------------------------------------------------------------------
  enter(code, joinFrame, seat) {
    this.disconnect();
    this.code = code;
    this.joinFrame = joinFrame;
    this.model = new RoomModel();
    this.view = new RoomView(this.roomRoot, this.model, {
      ready: (ready) => this.send({ type: "ready", ready }),
      start: () => this.send({ type: "start" }),
      guess: (fields) => this.send({ type: "guess", ...fields }),
      leave: () => this.leave(),
      copyInvite: () => this.copyInvite(),
    });
    this.view.me = { seat: seat ? seat.seat : null, role: seat ? "player" : "spectator" };
    this.lobby.hidden = true;
    this.roomRoot.hidden = true;
    this.retries = 0;
    this.connect();
    clearInterval(this.timer);
    this.timer = setInterval(() => this.view && this.view.tick(), 250);
  }

  connect() {
    const scheme = location.protocol === "https:" ? "wss:" : "ws:";
    const socket = new WebSocket(`${scheme}//${location.host}/ws/battles/${encodeURIComponent(this.code)}`);
    this.socket = socket;
    this.closing = false;
    setStatus(this.status, this.retries ? "Reconnecting…" : "Connecting…", "busy");
    socket.addEventListener("open", () => socket.send(JSON.stringify(this.joinFrame)));
    socket.addEventListener("message", (event) => this.receive(JSON.parse(event.data)));
    socket.addEventListener("close", (event) => this.closed(socket, event));
  }

  send(frame) {
    if (this.socket && this.socket.readyState === WebSocket.OPEN) this.socket.send(JSON.stringify(frame));
    else setStatus(this.status, "Not connected: reconnecting…", "error");
  }

  receive(frame) {
    if (frame.type === "welcome") {
      this.view.me = { seat: frame.seat, role: frame.role };
      if (frame.token) saveSeat(this.code, { token: frame.token, seat: frame.seat });
      this.retries = 0;
      return;
    }
    if (frame.type === "snapshot") {
      this.model.snapshot(frame);
      this.roomRoot.hidden = false;
      setStatus(this.status, "");
    } else if (frame.type === "error") {
      setStatus(this.status, errorText(frame), "error");
      return;
    } else if (frame.type === "pong") {
      return;
    } else if (!this.model.apply(frame)) {
      return;
    }
    if (frame.type === "game_started") this.view.draft = [];
    if (frame.type === "turn" || frame.type === "guess" || frame.type === "submission") setStatus(this.status, "");
    this.view.update();
  }

  closed(socket, event) {
    if (socket !== this.socket) return;
    this.socket = null;
    if (this.closing) return;
    const final = FINAL_CLOSES[event.code];
    if (final !== undefined) {
      if (event.code === CLOSE.ROOM_LOST || event.code === CLOSE.POLICY_VIOLATION) forgetSeat(this.code);
      const known = this.status.classList.contains("error") ? this.status.textContent : "";
      setStatus(this.status, final ? `${final}${known ? `: ${known}` : ""}.` : "Disconnected.", final ? "error" : "");
      if (event.code !== CLOSE.REPLACED) {
        this.code = null;
        this.showLobby();
      }
      return;
    }
    if (event.code === CLOSE.SERVER_RESTARTING) {
      // The worker is shutting down; the seat is kept: reconnect at once (through the
      // proxy, to another worker), without using up a retry.
      setStatus(this.status, "The server is restarting: reconnecting…", "busy");
      setTimeout(() => { if (!this.socket && this.code) this.connect(); }, 100 + Math.random() * 400);
      return;
    }
    if (this.retries >= MAX_RETRIES) {
      setStatus(this.status, "Lost the connection to the room. Reload the page to try again.", "error");
      return;
    }
    this.retries += 1;
    setTimeout(() => { if (!this.socket && this.code) this.connect(); }, Math.min(8000, 400 * 2 ** this.retries));
    setStatus(this.status, "Connection lost: reconnecting…", "error");
  }

  disconnect() {
    if (this.socket) {
      this.closing = true;
      this.socket.close(CLOSE.NORMAL);
      this.socket = null;
    }
  }

  leave() {
    if (this.view.me && this.view.me.role === "player") {
      this.send({ type: "leave" });
      forgetSeat(this.code);
    }
    this.disconnect();
    this.code = null;
    clearInterval(this.timer);
    history.pushState({}, "", "/?view=battle");
    this.showLobby();
    setStatus(this.status, "You left the room.");
  }

  async copyInvite() {
    const url = `${location.origin}/?room=${this.code}`;
    try {
      await navigator.clipboard.writeText(url);
      setStatus(this.status, `Invite link copied: ${url}`);
    } catch {
      setStatus(this.status, `Invite link: ${url}`);
    }
  }
}

function errorText(frame) {
  if (frame.code === "ambiguous" && frame.candidates) {
    return `Which one? ${frame.candidates.map((c) => c.name + (c.first_season ? ` (${String(c.first_season).slice(0, 4)})` : "")).join(", ")}. Pick one from the list.`;
  }
  return frame.detail ? String(frame.detail) : String(frame.code).replaceAll("_", " ");
}

function describe(err) {
  if (err instanceof ApiError) {
    if (err.code === "room_not_found") return "No room with that code (it may have expired).";
    return err.message;
  }
  return String(err.message || err);
}
