// An accessible autocomplete (WAI-ARIA 1.2 combobox with a listbox popup).
//
//   const box = new PlayerCombobox(input, {search: async (q, signal) => [{id, name, meta}], onPick});
//   box.value  -> the picked {id, name, ...} or null;  box.set(player) / box.clear()

let counter = 0;

export class PlayerCombobox {
  constructor(input, { search, onPick, minChars = 2, delay = 120, keepText = true } = {}) {
    this.input = input;
    this.search = search;
    this.onPick = onPick || (() => {});
    this.minChars = minChars;
    this.delay = delay;
    this.keepText = keepText;
    this.options = [];
    this.active = -1;
    this.value = null;
    this.timer = null;
    this.controller = null;

    const id = `listbox-${++counter}`;
    this.list = document.createElement("ul");
    this.list.id = id;
    this.list.className = "listbox";
    this.list.setAttribute("role", "listbox");
    const label = input.labels && input.labels[0] ? input.labels[0].textContent : "Players";
    this.list.setAttribute("aria-label", `${label}: suggestions`);
    this.list.hidden = true;
    input.after(this.list);

    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", id);

    input.addEventListener("input", () => this.onInput());
    input.addEventListener("keydown", (e) => this.onKey(e));
    input.addEventListener("blur", () => setTimeout(() => this.close(), 150));
    input.addEventListener("focus", () => {
      if (!this.value && this.input.value.trim().length >= this.minChars) this.onInput();
    });
    this.list.addEventListener("mousedown", (e) => e.preventDefault());
  }

  onInput() {
    if (this.value) {
      this.value = null;
      this.input.classList.remove("picked");
    }
    clearTimeout(this.timer);
    const q = this.input.value.trim();
    if (q.length < this.minChars) {
      this.close();
      return;
    }
    this.timer = setTimeout(() => this.fetch(q), this.delay);
  }

  async fetch(q) {
    if (this.controller) this.controller.abort();
    this.controller = new AbortController();
    try {
      const options = await this.search(q, this.controller.signal);
      if (this.input.value.trim() !== q) return;
      this.render(options);
    } catch (err) {
      if (err.name !== "AbortError") this.render([], err.message);
    }
  }

  render(options, error) {
    this.options = options;
    this.active = options.length ? 0 : -1;
    this.list.replaceChildren();
    if (!options.length) {
      const li = document.createElement("li");
      li.className = "option empty";
      li.setAttribute("role", "option");
      li.setAttribute("aria-disabled", "true");
      li.textContent = error || "No player found";
      this.list.append(li);
    }
    options.forEach((option, index) => {
      const li = document.createElement("li");
      li.id = `${this.list.id}-${index}`;
      li.className = "option";
      li.setAttribute("role", "option");
      li.dataset.playerId = option.id;
      const name = document.createElement("span");
      name.className = "opt-name";
      name.textContent = option.name;
      const meta = document.createElement("span");
      meta.className = "opt-meta";
      meta.textContent = option.meta || "";
      li.append(name, meta);
      li.addEventListener("click", () => this.pick(index));
      this.list.append(li);
    });
    this.open();
    this.highlight();
  }

  open() {
    this.list.hidden = false;
    this.input.setAttribute("aria-expanded", "true");
  }

  close() {
    this.list.hidden = true;
    this.input.setAttribute("aria-expanded", "false");
    this.input.removeAttribute("aria-activedescendant");
  }

  highlight() {
    [...this.list.children].forEach((li, i) => li.setAttribute("aria-selected", String(i === this.active)));
    const current = this.list.children[this.active];
    if (current && this.options.length) {
      this.input.setAttribute("aria-activedescendant", current.id);
      current.scrollIntoView({ block: "nearest" });
    } else {
      this.input.removeAttribute("aria-activedescendant");
    }
  }

  onKey(event) {
    const openList = !this.list.hidden && this.options.length;
    if (event.key === "ArrowDown" && openList) {
      this.active = (this.active + 1) % this.options.length;
      this.highlight();
      event.preventDefault();
    } else if (event.key === "ArrowUp" && openList) {
      this.active = (this.active - 1 + this.options.length) % this.options.length;
      this.highlight();
      event.preventDefault();
    } else if (event.key === "Enter" && openList && this.active >= 0) {
      this.pick(this.active);
      event.preventDefault();
    } else if (event.key === "Escape") {
      this.close();
    }
  }

  pick(index) {
    const option = this.options[index];
    if (!option) return;
    this.close();
    if (this.keepText) this.set(option);
    else this.input.value = "";
    this.onPick(option);
  }

  set(player) {
    this.value = player;
    this.input.value = player ? player.name : "";
    this.input.classList.toggle("picked", Boolean(player));
  }

  clear() {
    this.set(null);
  }
}
