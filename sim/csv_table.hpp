#pragma once
// Reading CSV input (design points, observed data, a sweep's runs.csv): a header and rows of text
// fields, each remembering its line and column so that a bad value is reported at file:line:column.
#include <string>
#include <vector>

namespace teamsim {

/// One field of a CSV file and where it starts (1-based).
struct CsvField {
  std::string text;
  int line = 0;
  int column = 0;
};

/// A whole CSV file: the header and the data rows (blank lines skipped).
struct CsvTable {
  std::string path;
  std::vector<CsvField> header;
  std::vector<std::vector<CsvField>> rows;

  /// The index of the column named `name`, or -1.
  int column(const std::string& name) const;
  /// Throws InputError at the header when the column is missing.
  int require_column(const std::string& name) const;
  /// The field as a finite number; otherwise InputError at the field naming `what`.
  double number(const CsvField& field, const std::string& what) const;
};

/// Reads `path` (RFC 4180 quoting). Throws InputError when it cannot be read, is empty, or a row has
/// another number of fields than the header (at the row's position).
CsvTable read_csv(const std::string& path);

}  // namespace teamsim
