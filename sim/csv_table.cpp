#include "csv_table.hpp"

#include <charconv>
#include <cmath>
#include <fstream>
#include <sstream>

#include "input_error.hpp"

namespace teamsim {

int CsvTable::column(const std::string& name) const {
  for (std::size_t i = 0; i < header.size(); ++i) {
    if (header[i].text == name) return static_cast<int>(i);
  }
  return -1;
}

int CsvTable::require_column(const std::string& name) const {
  const int c = column(name);
  if (c < 0) throw InputError(path, 1, 1, "missing column '" + name + "'");
  return c;
}

double CsvTable::number(const CsvField& field, const std::string& what) const {
  const std::string& s = field.text;
  double v = 0;
  const char* first = s.data();
  if (!s.empty() && s[0] == '+') ++first;
  const auto [end, ec] = std::from_chars(first, s.data() + s.size(), v);
  if (s.empty() || ec != std::errc() || end != s.data() + s.size() || !std::isfinite(v)) {
    throw InputError(
        path, field.line, field.column,
        what + ": expected a finite number, found " + (s.empty() ? "an empty field" : "'" + s + "'"));
  }
  return v;
}

CsvTable read_csv(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(path + ": cannot be read");
  std::stringstream buffer;
  buffer << in.rdbuf();
  const std::string text = buffer.str();

  CsvTable table;
  table.path = path;
  std::vector<CsvField> row;
  CsvField field;
  int line = 1, column = 1;
  bool quoted = false, started = false, row_has_text = false;
  auto end_field = [&] {
    row.push_back(field);
    field = CsvField{};
    started = false;
  };
  auto end_row = [&] {
    if (started || !row.empty()) end_field();
    if (row_has_text) {
      if (table.header.empty()) {
        table.header = std::move(row);
      } else if (row.size() != table.header.size()) {
        throw InputError(path, row.front().line, 1,
                         "expected " + std::to_string(table.header.size()) +
                             " fields (as in the header), found " + std::to_string(row.size()));
      } else {
        table.rows.push_back(std::move(row));
      }
    }
    row.clear();
    row_has_text = false;
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (!started) {
      field.line = line;
      field.column = column;
      started = true;
    }
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field.text += '"';
        ++i;
        ++column;
      } else if (c == '"') {
        quoted = false;
      } else {
        field.text += c;
        if (c == '\n') {
          ++line;
          column = 0;
        }
      }
    } else if (c == '"' && field.text.empty()) {
      quoted = true;
      row_has_text = true;
    } else if (c == ',') {
      end_field();
      row_has_text = true;
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      started = started && (!field.text.empty() || !row.empty());
      end_row();
      ++line;
      column = 0;
    } else {
      field.text += c;
      row_has_text = true;
    }
    ++column;
  }
  if (quoted) throw InputError(path, field.line, field.column, "unterminated quoted field");
  if (started && !field.text.empty()) row_has_text = true;
  end_row();
  if (table.header.empty()) throw InputError(path, 1, 1, "empty file: expected a header line");
  return table;
}

}  // namespace teamsim
