// Small enhancements only: every page reads and navigates without this script.
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  document.addEventListener("DOMContentLoaded", function () {
    // Drawers and the mobile menu: real buttons with aria-expanded.
    document.querySelectorAll(".drawer-toggle, #mobile-menu-icon").forEach(function (button) {
      button.addEventListener("click", function () {
        var open = button.getAttribute("aria-expanded") !== "true";
        button.setAttribute("aria-expanded", String(open));
        var target = document.getElementById(button.getAttribute("aria-controls"));
        if (target && button.id === "mobile-menu-icon") {
          target.classList.toggle("open", open);
        }
      });
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape") {
        document.querySelectorAll('.drawer-toggle[aria-expanded="true"]').forEach(function (button) {
          button.setAttribute("aria-expanded", "false");
          button.focus();
        });
      }
    });

    // AAPB tiles: play in place instead of following the link to the AAPB player.
    document.querySelectorAll(".aapb-play").forEach(function (link) {
      link.addEventListener("click", function (event) {
        var tile = link.closest(".content-aapbblock");
        var template = tile && tile.querySelector("template.aapb-player");
        if (!template) {
          return;
        }
        event.preventDefault();
        var player = template.content.firstElementChild.cloneNode(true);
        link.replaceWith(player);
        player.focus();
      });
    });

    // Search refinements apply as soon as they change (the Apply button stays for use without script).
    document.querySelectorAll("form[data-autosubmit]").forEach(function (form) {
      form.addEventListener("change", function () { form.submit(); });
    });
    // Bookmarked search links name their tab by hash (#gbh, #aapb, #help): they open that tab.
    if (location.pathname === "/search" && /^#(gbh|aapb|help)$/.test(location.hash) && !/[?&]tab=/.test(location.search)) {
      var params = new URLSearchParams(location.search);
      params.set("tab", location.hash.substring(1));
      location.replace("/search?" + params.toString());
    }

    // Masterpiece collection: filter as you type (the form filters on the server without script). Same rule as
    // the server: a miniseries stays when its key contains the input lowercased without spaces and punctuation.
    var filter = document.querySelector("input[data-masterpiece-filter]");
    if (filter) {
      var noResults = document.querySelector(".no-results");
      filter.addEventListener("input", function () {
        var needle = filter.value.normalize("NFD").toLowerCase().replace(/[^a-z0-9]/g, "");
        var any = false;
        document.querySelectorAll(".season-group").forEach(function (group) {
          var shown = 0;
          group.querySelectorAll(".masterpiece-link").forEach(function (link) {
            var match = link.getAttribute("data-key").indexOf(needle) >= 0;
            link.hidden = !match;
            shown += match ? 1 : 0;
          });
          group.hidden = shown === 0;
          var number = group.querySelector(".season-group-number").id.replace("season-", "");
          var jump = document.querySelector('.season-jump a[data-season="' + number + '"]');
          if (jump) {
            jump.parentNode.hidden = shown === 0;
          }
          any = any || shown > 0;
        });
        noResults.hidden = any;
        noResults.querySelector(".no-results-query").textContent = filter.value;
      });
    }

    // Carousel: mark the dot of the visible slide.
    var track = document.querySelector(".carousel-track");
    if (track && "IntersectionObserver" in window) {
      var dots = document.querySelectorAll(".carousel-dots a");
      var observer = new IntersectionObserver(function (entries) {
        entries.forEach(function (entry) {
          if (entry.isIntersecting) {
            var index = Array.prototype.indexOf.call(track.children, entry.target);
            dots.forEach(function (dot, i) { dot.setAttribute("aria-current", String(i === index)); });
          }
        });
      }, { root: track, threshold: 0.6 });
      Array.prototype.forEach.call(track.children, function (slide) { observer.observe(slide); });
    }

    // Optional analytics, only when an ID is configured.
    var ga = document.querySelector('meta[name="ga-id"]');
    if (ga) {
      window.dataLayer = window.dataLayer || [];
      window.gtag = function () { window.dataLayer.push(arguments); };
      window.gtag("js", new Date());
      window.gtag("config", ga.getAttribute("content"));
    }
  });
})();
