/*
 * Search suggestions for a search box: progressive enhancement.
 *
 * Without this script the box is a plain GET form that submits to /zoeken/. With it,
 * an input with data-suggest-url becomes a combobox with a listbox popup, following the
 * WAI-ARIA Authoring Practices "combobox with listbox popup" pattern (list autocomplete,
 * manual selection):
 *
 * - typing (2 or more characters) fetches suggestions after a short pause;
 * - ArrowDown / ArrowUp move through them (visual focus; DOM focus stays in the box),
 *   Alt+ArrowDown opens and Alt+ArrowUp closes the list;
 * - Enter on a suggestion goes to its page; Enter without one submits the search form;
 * - Escape closes the list, or clears the box when the list is closed;
 * - a click on a suggestion goes to its page;
 * - a visually hidden live region announces how many suggestions there are.
 *
 * The endpoint answers {"query": "...", "suggestions": [{"title", "url", "type"}]}.
 * Titles are put in the page as text, never as HTML.
 */
(function () {
  "use strict";

  var MIN_LENGTH = 2;
  var DEBOUNCE_MS = 200;
  var instances = 0;

  var TEXT = {
    listLabel: "Suggesties",
    none: "Geen suggesties.",
    one: "1 suggestie. Gebruik pijltje omlaag om hem te kiezen.",
    many: "{n} suggesties. Gebruik pijltje omlaag en omhoog om er een te kiezen.",
  };

  function normalise(value) {
    return value.trim().split(/\s+/).join(" ");
  }

  function SuggestBox(input) {
    instances += 1;
    this.input = input;
    this.endpoint = input.getAttribute("data-suggest-url");
    this.field = input.closest("[data-suggest-field]") || input.parentNode;
    this.suggestions = [];
    this.options = [];
    this.active = -1;
    this.timer = null;
    this.request = null;
    this.requested = "";

    var id = (input.id || "zoekvak-" + instances) + "-suggesties";

    this.listbox = document.createElement("ul");
    this.listbox.id = id;
    this.listbox.className = "suggest-list";
    this.listbox.setAttribute("role", "listbox");
    this.listbox.setAttribute("aria-label", TEXT.listLabel);
    this.listbox.hidden = true;

    this.status = document.createElement("div");
    this.status.className = "visually-hidden";
    this.status.setAttribute("role", "status");
    this.status.setAttribute("aria-live", "polite");
    this.status.setAttribute("aria-atomic", "true");

    this.field.classList.add("suggest-field");
    this.field.appendChild(this.listbox);
    this.field.appendChild(this.status);

    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", id);
    input.setAttribute("autocomplete", "off");

    input.addEventListener("input", this.onInput.bind(this));
    input.addEventListener("keydown", this.onKeydown.bind(this));
    input.addEventListener("blur", this.close.bind(this));
    // Keep focus in the box when an option is pressed, so the click lands.
    this.listbox.addEventListener("mousedown", function (event) {
      event.preventDefault();
    });
    this.listbox.addEventListener("click", this.onClick.bind(this));
  }

  SuggestBox.prototype.isOpen = function () {
    return !this.listbox.hidden;
  };

  SuggestBox.prototype.open = function () {
    if (!this.options.length) return;
    this.listbox.hidden = false;
    this.input.setAttribute("aria-expanded", "true");
  };

  SuggestBox.prototype.close = function () {
    this.setActive(-1);
    this.listbox.hidden = true;
    this.input.setAttribute("aria-expanded", "false");
  };

  SuggestBox.prototype.announce = function (message) {
    this.status.textContent = message;
  };

  SuggestBox.prototype.onInput = function () {
    var query = normalise(this.input.value);
    window.clearTimeout(this.timer);
    if (query.length < MIN_LENGTH) {
      this.cancel();
      this.render([]);
      this.announce("");
      return;
    }
    this.timer = window.setTimeout(this.fetch.bind(this, query), DEBOUNCE_MS);
  };

  SuggestBox.prototype.cancel = function () {
    if (this.request) this.request.abort();
    this.request = null;
  };

  SuggestBox.prototype.fetch = function (query) {
    var self = this;
    this.cancel();
    var controller = new AbortController();
    this.request = controller;
    this.requested = query;
    var url = this.endpoint + (this.endpoint.indexOf("?") === -1 ? "?" : "&") + "q=" + encodeURIComponent(query);
    window
      .fetch(url, { headers: { Accept: "application/json" }, signal: controller.signal, credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) throw new Error("HTTP " + response.status);
        return response.json();
      })
      .then(function (data) {
        // An answer to an older query, or the visitor has moved on: ignore it.
        if (self.request !== controller || normalise(self.input.value) !== query) return;
        self.request = null;
        self.render(Array.isArray(data.suggestions) ? data.suggestions : []);
        if (document.activeElement === self.input) {
          self.open();
          var n = self.options.length;
          self.announce(n === 0 ? TEXT.none : n === 1 ? TEXT.one : TEXT.many.replace("{n}", n));
        }
      })
      .catch(function () {
        // Aborted, offline or an error: no suggestions; the form still works.
        if (self.request === controller) {
          self.request = null;
          self.render([]);
        }
      });
  };

  SuggestBox.prototype.render = function (suggestions) {
    this.close();
    this.suggestions = suggestions;
    this.options = [];
    this.listbox.textContent = "";
    for (var i = 0; i < suggestions.length; i += 1) {
      var suggestion = suggestions[i];
      var option = document.createElement("li");
      option.id = this.listbox.id + "-" + i;
      option.className = "suggest-list__option";
      option.setAttribute("role", "option");
      option.setAttribute("aria-selected", "false");
      option.setAttribute("data-index", String(i));

      var title = document.createElement("span");
      title.className = "suggest-list__title";
      title.textContent = suggestion.title || "";
      option.appendChild(title);
      if (suggestion.type) {
        var separator = document.createElement("span");
        separator.className = "visually-hidden";
        separator.textContent = ", ";
        var type = document.createElement("span");
        type.className = "suggest-list__type";
        type.textContent = suggestion.type;
        option.appendChild(separator);
        option.appendChild(type);
      }
      this.listbox.appendChild(option);
      this.options.push(option);
    }
  };

  SuggestBox.prototype.setActive = function (index) {
    if (this.active >= 0 && this.options[this.active]) {
      this.options[this.active].setAttribute("aria-selected", "false");
    }
    this.active = index;
    if (index >= 0 && this.options[index]) {
      var option = this.options[index];
      option.setAttribute("aria-selected", "true");
      this.input.setAttribute("aria-activedescendant", option.id);
      if (option.scrollIntoView) option.scrollIntoView({ block: "nearest" });
    } else {
      this.input.removeAttribute("aria-activedescendant");
    }
  };

  SuggestBox.prototype.move = function (step) {
    var n = this.options.length;
    if (!n) return;
    if (!this.isOpen()) {
      this.open();
      this.setActive(step > 0 ? 0 : n - 1);
      return;
    }
    var next = this.active < 0 ? (step > 0 ? 0 : n - 1) : (this.active + step + n) % n;
    this.setActive(next);
  };

  SuggestBox.prototype.go = function (index) {
    var suggestion = this.suggestions[index];
    if (!suggestion || !suggestion.url) return;
    var target;
    try {
      target = new URL(suggestion.url, window.location.href);
    } catch (error) {
      return;
    }
    if (target.protocol !== "http:" && target.protocol !== "https:") return;
    this.input.value = suggestion.title || this.input.value;
    this.close();
    window.location.assign(target.href);
  };

  SuggestBox.prototype.onKeydown = function (event) {
    if (event.ctrlKey || event.metaKey || event.shiftKey) return;
    switch (event.key) {
      case "ArrowDown":
      case "Down":
        if (!this.options.length) return;
        event.preventDefault();
        if (event.altKey) this.open();
        else this.move(1);
        break;
      case "ArrowUp":
      case "Up":
        if (!this.options.length) return;
        event.preventDefault();
        if (event.altKey) this.close();
        else this.move(-1);
        break;
      case "Enter":
        if (this.isOpen() && this.active >= 0) {
          event.preventDefault();
          this.go(this.active);
        } else {
          this.close(); // the form submits as usual
        }
        break;
      case "Escape":
      case "Esc":
        event.preventDefault();
        if (this.isOpen()) {
          this.close();
        } else {
          window.clearTimeout(this.timer);
          this.cancel();
          this.input.value = "";
          this.render([]);
          this.announce("");
        }
        break;
      case "Tab":
        this.close();
        break;
      default:
        break;
    }
  };

  SuggestBox.prototype.onClick = function (event) {
    var option = event.target.closest("[role='option']");
    if (!option || !this.listbox.contains(option)) return;
    this.go(Number(option.getAttribute("data-index")));
  };

  function init() {
    if (!("fetch" in window) || !("AbortController" in window)) return;
    var inputs = document.querySelectorAll("input[data-suggest-url]");
    for (var i = 0; i < inputs.length; i += 1) {
      if (!inputs[i].hasAttribute("role")) new SuggestBox(inputs[i]);
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
