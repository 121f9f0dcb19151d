#include "toml_guard.hpp"

#include <vector>

#include "input_error.hpp"

namespace teamsim {
namespace {

// A forward scan that knows just enough TOML to tell strings and comments from the rest.
class Scanner {
 public:
  Scanner(std::string_view text, const std::string& origin) : text_(text), origin_(origin) {}

  // What may come next, as toml++ sees it: a key (at a line start, in a header, in an inline table), a
  // value (after '=', in an array) or anything else (after a value). Quotes open strings only where a key
  // or a value may start; everything else that is not whitespace or a comment is checked for non-ASCII.
  enum class Expect { key, value, other };

  void run() {
    while (at_ < text_.size()) {
      const char c = text_[at_];
      if (c == ' ' || c == '\t' || c == '\r') {
        advance();
      } else if (c == '\n') {
        advance();
        if (stack_.empty()) expect_ = Expect::key;  // arrays may span lines; a new line is a new key
      } else if (c == '#') {
        skip_comment();
      } else if (expect_ == Expect::key) {
        key_char(c);
      } else if (expect_ == Expect::value) {
        value_start(c);
      } else {
        after_value(c);
      }
    }
  }

 private:
  void key_char(char c) {
    if (c == '"' || c == '\'') {
      string(c);
    } else if (c == '[' && stack_.empty() && column_ == first_column()) {
      header();
    } else if (c == '=') {
      advance();
      expect_ = Expect::value;
    } else if (c == '}' && !stack_.empty() && stack_.back() == '{') {
      close();
    } else if (c == ']' && stack_.empty()) {
      advance();  // the end of a table header
      expect_ = Expect::other;
    } else {
      check_ascii(c);
      advance();  // a bare key character, '.', or something toml++ reports itself
    }
  }

  void value_start(char c) {
    if (c == '"' || c == '\'') {
      string(c);
      expect_ = Expect::other;
    } else if (c == '[' || c == '{') {
      advance();
      stack_.push_back(c);
      expect_ = c == '[' ? Expect::value : Expect::key;
    } else if (c == ']' && !stack_.empty() && stack_.back() == '[') {
      close();  // an empty array or a trailing comma
    } else if (c == '}') {
      // toml++ asserts when an array element starts with '}' (`[}1]`): valid TOML never has it there.
      fail("expected a value, found '}'");
    } else {
      bare_value();
    }
  }

  void after_value(char c) {
    if (c == ',' && !stack_.empty()) {
      advance();
      expect_ = stack_.back() == '[' ? Expect::value : Expect::key;
    } else if ((c == ']' || c == '}') && !stack_.empty()) {
      close();
    } else {
      bare_value();  // e.g. the time of a date-time after its space; toml++ reports what is wrong
    }
  }

  // A bare value (number, boolean, date-time, or a mistake): toml++ tests each character up to a value
  // terminator with its Unicode whitespace check, quotes, '=' and '.' included.
  void bare_value() {
    check_ascii(text_[at_]);
    advance();  // the first character, whatever it is, so the scan always moves on
    while (at_ < text_.size()) {
      const char c = text_[at_];
      if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == ']' || c == '}' || c == ',' || c == '#')
        break;
      check_ascii(c);
      advance();
    }
    expect_ = Expect::other;
  }

  void close() {
    advance();
    stack_.pop_back();
    expect_ = Expect::other;
  }

  void check_ascii(char c) const {
    if (non_ascii(c)) {
      fail(
          "a non-ASCII character outside a string or comment (TOML allows them only in quoted strings "
          "and comments; quote the value, e.g. \"...\")");
    }
  }

  // 1 when only spaces and tabs precede the current character on its line.
  int first_column() const {
    std::size_t start = text_.rfind('\n', at_ == 0 ? 0 : at_ - 1);
    start = start == std::string_view::npos || at_ == 0 ? 0 : start + 1;
    for (std::size_t k = start; k < at_; ++k) {
      if (text_[k] != ' ' && text_[k] != '\t') return -1;
    }
    return column_;
  }

  static bool non_ascii(char c) { return static_cast<unsigned char>(c) >= 0x80; }
  static bool bare_key(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
  }
  char peek(std::size_t ahead = 0) const { return at_ + ahead < text_.size() ? text_[at_ + ahead] : '\0'; }
  bool starts_with(std::string_view s) const { return text_.substr(at_).starts_with(s); }

  // Moves one byte on, keeping line and column (columns count characters, as toml++ does).
  void advance() {
    const char c = text_[at_++];
    if (c == '\n') {
      ++line_;
      column_ = 1;
    } else if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) {
      ++column_;
    }
  }

  [[noreturn]] void fail(const std::string& message) const {
    // The column of the character at at_: advance() has counted the characters before it.
    throw InputError(origin_, line_, column_, message);
  }

  void skip_comment() {
    while (at_ < text_.size() && text_[at_] != '\n') advance();
  }

  void string(char quote) {
    const bool basic = quote == '"';
    const std::string triple(3, quote);
    const bool multi_line = starts_with(triple);
    for (std::size_t k = 0; k < (multi_line ? 3u : 1u); ++k) advance();
    while (at_ < text_.size()) {
      const char c = text_[at_];
      if (multi_line && starts_with(triple)) {
        // Up to two more quotes may belong to the string ("""a""""" ends with two quotes inside).
        for (int k = 0; k < 3; ++k) advance();
        for (int k = 0; k < 2 && peek() == quote; ++k) advance();
        return;
      }
      if (!multi_line && (c == quote || c == '\n')) {
        if (c == quote) advance();  // an unterminated string is the parser's error to report
        return;
      }
      if (basic && c == '\\') {
        advance();
        if (at_ >= text_.size()) return;
        if (non_ascii(peek())) fail("a backslash followed by a non-ASCII character (not a valid escape)");
        if (multi_line && (peek() == ' ' || peek() == '\t' || peek() == '\r' || peek() == '\n')) {
          // A line-ending backslash: toml++ asks of each following character whether it is whitespace.
          while (at_ < text_.size() && (peek() == ' ' || peek() == '\t' || peek() == '\r' || peek() == '\n'))
            advance();
          if (non_ascii(peek())) {
            fail(
                "a non-ASCII character right after a line-ending backslash (toml++ 3.3.0 cannot read it; "
                "begin the continued line with an ASCII character)");
          }
          continue;
        }
        advance();  // the escaped character
        continue;
      }
      advance();
    }
  }

  // A table header `[key]` or `[[key]]` at the start of a line must start with a key or `]`.
  void header() {
    advance();
    while (peek() == ' ' || peek() == '\t') advance();
    if (peek() == '[') advance();
    while (peek() == ' ' || peek() == '\t') advance();
    const char c = peek();
    if (!(bare_key(c) || c == '"' || c == '\'' || c == ']')) {
      fail("a table header must start with a key (letters, digits, '_' or '-', or a quoted key) after '['");
    }
  }

  std::string_view text_;
  const std::string& origin_;
  std::size_t at_ = 0;
  int line_ = 1, column_ = 1;
  Expect expect_ = Expect::key;
  std::vector<char> stack_;  // open '[' (arrays) and '{' (inline tables) of values
};

}  // namespace

void check_toml_safe(std::string_view text, const std::string& origin) {
  Scanner(text, origin).run();
}

}  // namespace teamsim
