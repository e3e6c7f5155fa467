// The web admin works without this script; with it, rich-text inputs get a small editor with a toolbar, and a click
// on an image's picture moves its focal point and previews the crops at once (Save keeps it).
(function () {
  'use strict';

  var BOLD = ['Bold', 'bold'];
  var ITALIC = ['Italic', 'italic'];
  var HEADING = ['Heading', 'formatBlock', 'h2'];
  var SUBHEADING = ['Subheading', 'formatBlock', 'h3'];
  var BULLETS = ['Bulleted list', 'insertUnorderedList'];
  var NUMBERS = ['Numbered list', 'insertOrderedList'];
  var QUOTE = ['Quote', 'formatBlock', 'blockquote'];
  var LINK = ['Link', 'createLink'];
  var PARAGRAPH = ['Paragraph', 'formatBlock', 'p'];
  // What each kind of rich-text input may hold; the server keeps only that anyway.
  var TOOLS = {
    italic: [ITALIC],
    footnote: [BOLD, ITALIC, LINK],
    full: [PARAGRAPH, HEADING, SUBHEADING, BOLD, ITALIC, BULLETS, NUMBERS, LINK],
    footnotes: [PARAGRAPH, HEADING, SUBHEADING, BOLD, ITALIC, BULLETS, NUMBERS, QUOTE, LINK]
  };

  function labelOf(textarea) {
    var label = document.querySelector('label[for="' + textarea.id + '"]');
    if (label && !label.id) {
      label.id = textarea.id + '-label';
    }
    return label;
  }

  function footnotes() {
    return Array.prototype.map.call(document.querySelectorAll('[data-footnote-uuid]'), function (note, i) {
      var text = note.querySelector('textarea');
      var words = text ? text.value.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim() : '';
      return { uuid: note.getAttribute('data-footnote-uuid'), label: 'Footnote ' + (i + 1) + ': ' + words.slice(0, 40) };
    });
  }

  function enhance(textarea) {
    var tools = TOOLS[textarea.getAttribute('data-rich-text')];
    if (!tools || textarea.readOnly) {
      return;
    }
    var label = labelOf(textarea);
    var editor = document.createElement('div');
    editor.className = 'rich-editor';
    editor.contentEditable = 'true';
    editor.setAttribute('role', 'textbox');
    editor.setAttribute('aria-multiline', 'true');
    if (label) {
      editor.setAttribute('aria-labelledby', label.id);
    }
    if (textarea.getAttribute('aria-describedby')) {
      editor.setAttribute('aria-describedby', textarea.getAttribute('aria-describedby'));
    }
    if (textarea.getAttribute('aria-invalid')) {
      editor.setAttribute('aria-invalid', textarea.getAttribute('aria-invalid'));
    }
    // Typing into an empty editor starts a paragraph, as stored rich text always has one.
    editor.innerHTML = textarea.value || '<p><br></p>';

    var saved = null;
    var sync = function () {
      var empty = editor.textContent.trim() === '' && !editor.querySelector('img, embed, footnote, hr');
      textarea.value = empty ? '' : editor.innerHTML;
    };
    editor.addEventListener('input', sync);
    document.addEventListener('selectionchange', function () {
      var selection = window.getSelection();
      if (selection.rangeCount && editor.contains(selection.anchorNode)) {
        saved = selection.getRangeAt(0).cloneRange();
      }
    });
    var restore = function () {
      editor.focus();
      if (saved) {
        var selection = window.getSelection();
        selection.removeAllRanges();
        selection.addRange(saved);
      }
    };

    var toolbar = document.createElement('div');
    toolbar.className = 'rich-toolbar';
    toolbar.setAttribute('role', 'toolbar');
    toolbar.setAttribute('aria-label', 'Formatting of ' + (label ? label.textContent.trim() : 'the text'));
    tools.forEach(function (tool) {
      var button = document.createElement('button');
      button.type = 'button';
      button.textContent = tool[0];
      button.addEventListener('click', function () {
        restore();
        if (tool[1] === 'createLink') {
          var url = window.prompt('Link to (https://…)');
          if (!url) {
            return;
          }
          document.execCommand('createLink', false, url);
        } else {
          document.execCommand(tool[1], false, tool[2]);
        }
        sync();
      });
      toolbar.appendChild(button);
    });
    if (textarea.getAttribute('data-rich-text') === 'footnotes') {
      var picker = document.createElement('select');
      picker.setAttribute('aria-label', 'Insert a footnote marker');
      var refresh = function () {
        picker.innerHTML = '';
        var first = document.createElement('option');
        first.value = '';
        first.textContent = 'Insert footnote…';
        picker.appendChild(first);
        footnotes().forEach(function (note) {
          var option = document.createElement('option');
          option.value = note.uuid;
          option.textContent = note.label;
          picker.appendChild(option);
        });
      };
      refresh();
      picker.addEventListener('focus', refresh);
      picker.addEventListener('change', function () {
        var uuid = picker.value;
        if (!uuid) {
          return;
        }
        restore();
        var marker = document.createElement('footnote');
        marker.id = uuid;
        marker.textContent = '[' + uuid.slice(0, 6) + ']';
        // A node put in by hand: the browser's insertHTML may add style attributes, which the admin's CSP refuses.
        var selection = window.getSelection();
        var range = selection.rangeCount ? selection.getRangeAt(0) : null;
        if (!range || !editor.contains(range.startContainer)) {
          range = document.createRange();
          range.selectNodeContents(editor.lastElementChild || editor);
          range.collapse(false);
        }
        range.deleteContents();
        range.insertNode(marker);
        range.setStartAfter(marker);
        range.collapse(true);
        selection.removeAllRanges();
        selection.addRange(range);
        picker.value = '';
        sync();
      });
      toolbar.appendChild(picker);
    }
    textarea.hidden = true;
    textarea.parentNode.insertBefore(toolbar, textarea);
    textarea.parentNode.insertBefore(editor, textarea);
    if (textarea.autofocus) {
      editor.focus();
    }
    if (label) {
      label.addEventListener('click', function () { editor.focus(); });
    }
    if (textarea.form) {
      textarea.form.addEventListener('submit', sync);
    }
  }

  function focalPoint(picture) {
    var across = document.getElementById('field-focal_across');
    var down = document.getElementById('field-focal_down');
    var status = document.getElementById('focal-status');
    picture.addEventListener('click', function (event) {
      if (event.detail === 0) {
        return; // a key press: the form's Save
      }
      event.preventDefault();
      var box = picture.getBoundingClientRect();
      var x = Math.round(Math.min(Math.max((event.clientX - box.left) / box.width, 0), 1) * 100);
      var y = Math.round(Math.min(Math.max((event.clientY - box.top) / box.height, 0), 1) * 100);
      across.value = x;
      down.value = y;
      Array.prototype.forEach.call(document.querySelectorAll('img.crop'), function (crop) {
        crop.src = picture.src;
        crop.style.objectPosition = x + '% ' + y + '%';
      });
      if (status) {
        status.textContent = 'Focal point moved to ' + x + '% across and ' + y + '% down. Save to keep it.';
      }
    });
  }

  document.execCommand('defaultParagraphSeparator', false, 'p');
  Array.prototype.forEach.call(document.querySelectorAll('textarea[data-rich-text]'), enhance);
  var picture = document.querySelector('.focal-picture');
  if (picture) {
    focalPoint(picture);
  }
}());
