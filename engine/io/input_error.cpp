#include "engine/io/input_error.h"

namespace seatcast {

namespace {
std::string format_message(const std::string& file, int line, int column, const std::string& field,
                           const std::string& message) {
  // Appends rather than operator+ chains: GCC 12 warns falsely (-Wrestrict) on those.
  std::string out;
  out.append(file);
  if (line > 0) out.append(":").append(std::to_string(line));
  if (line > 0 && column > 0) out.append(":").append(std::to_string(column));
  out.append(": ");
  if (!field.empty()) out.append("field '").append(field).append("': ");
  out.append(message);
  return out;
}
}  // namespace

InputError::InputError(std::string file, int line, std::string field, const std::string& message,
                       int column)
    : std::runtime_error(format_message(file, line, column, field, message)),
      file_(std::move(file)),
      line_(line),
      column_(column),
      field_(std::move(field)) {}

}  // namespace seatcast
