// Errors in what a user wrote: a scenario, a votes CSV, a command-line value. Each
// names the file, the line (when known) and the field, so the user can go straight to
// it. The command line turns them into exit status 2.
#pragma once

#include <stdexcept>
#include <string>

namespace seatcast {

class InputError : public std::runtime_error {
 public:
  // `column` (from 1; 0: none) for syntax errors, where the place in the line matters.
  InputError(std::string file, int line, std::string field, const std::string& message,
             int column = 0);

  const std::string& file() const { return file_; }
  int line() const { return line_; }  // 0: not tied to a line
  int column() const { return column_; }
  const std::string& field() const { return field_; }

 private:
  std::string file_;
  int line_;
  int column_;
  std::string field_;
};

}  // namespace seatcast
