// design = "file": the points of a sweep from a CSV file (README "Sweeps").
#include <algorithm>
#include <fstream>
#include <sstream>

#include "atomic_file.hpp"
#include "csv_table.hpp"
#include "design.hpp"
#include "input_error.hpp"
#include "param_registry.hpp"
#include "sweep_spec.hpp"

namespace teamsim {

DesignFile read_design_file(const std::string& path) {
  const CsvTable csv = read_csv(path);
  DesignFile design;
  std::vector<const ParamSpec*> specs;
  for (const CsvField& h : csv.header) {
    const ParamSpec* spec = find_param(h.text);
    if (!spec) {
      std::vector<std::string> keys;
      for (const auto& p : param_specs()) keys.emplace_back(p.key);
      const std::string hint = nearest(h.text, keys);
      throw InputError(path, h.line, h.column,
                       "unknown parameter '" + h.text + "'" +
                           (hint.empty() ? "" : " (did you mean '" + hint + "'?)") +
                           ": expected a scalar parameter key such as manager.control (see `teamsim show`)");
    }
    if (std::find(design.keys.begin(), design.keys.end(), h.text) != design.keys.end())
      throw InputError(path, h.line, h.column, "parameter '" + h.text + "' appears twice in the header");
    design.keys.push_back(h.text);
    specs.push_back(spec);
  }
  if (csv.rows.empty())
    throw InputError(path, 2, 1, "no points: expected one row per design point after the header");
  for (const auto& row : csv.rows) {
    for (std::size_t k = 0; k < row.size(); ++k) {
      const ParamSpec& spec = *specs[k];
      const CsvField& f = row[k];
      double v = 0;
      if (spec.type == ParamType::choice) {
        const auto it = std::find(spec.choices.begin(), spec.choices.end(), f.text);
        if (it == spec.choices.end())
          throw InputError(path, f.line, f.column,
                           design.keys[k] + ": expected " + spec.describe() + ", found '" + f.text + "'");
        v = static_cast<double>(it - spec.choices.begin());
      } else if (spec.type == ParamType::boolean) {
        if (f.text != "true" && f.text != "false")
          throw InputError(path, f.line, f.column,
                           design.keys[k] + ": expected true or false, found '" + f.text + "'");
        v = f.text == "true" ? 1 : 0;
      } else {
        v = csv.number(f, design.keys[k]);
        if (!spec.allows(v))
          throw InputError(path, f.line, f.column,
                           design.keys[k] + ": expected " + spec.describe() + ", found " + f.text);
      }
      design.values.push_back(v);
    }
  }
  design.points = static_cast<int>(csv.rows.size());
  std::ifstream in(path, std::ios::binary);
  std::stringstream bytes;
  bytes << in.rdbuf();
  design.sha256 = sha256_hex(bytes.str());
  return design;
}

std::vector<SweptParameter> file_parameters(const DesignFile& design) {
  std::vector<SweptParameter> parameters;
  const auto d = design.keys.size();
  for (std::size_t k = 0; k < d; ++k) {
    SweptParameter p;
    p.key = design.keys[k];
    const ParamSpec& param = *find_param(p.key);
    p.integer = param.type == ParamType::integer;
    if (param.type == ParamType::choice || param.type == ParamType::boolean) {
      for (std::size_t c = 0; c <= static_cast<std::size_t>(param.hi); ++c) {
        p.values.push_back(static_cast<double>(c));
        p.labels.emplace_back(param.type == ParamType::boolean ? (c ? "true" : "false")
                                                               : std::string(param.choices[c]));
      }
    }
    p.min = p.max = design.values[k];
    for (int i = 0; i < design.points; ++i) {
      p.min = std::min(p.min, design.values[static_cast<std::size_t>(i) * d + k]);
      p.max = std::max(p.max, design.values[static_cast<std::size_t>(i) * d + k]);
    }
    parameters.push_back(std::move(p));
  }
  return parameters;
}

}  // namespace teamsim
