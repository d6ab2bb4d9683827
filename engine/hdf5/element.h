// Element: the arithmetic types the interface stores in datasets and attributes, and their
// names in error messages ("uint64", "float64", ...). Values are stored in the machine's
// native byte order and read back only as the very same type (class, sign and width).
#pragma once

#include <concepts>
#include <cstdint>
#include <string_view>

namespace seatcast::h5 {

template <class T>
concept Element = std::same_as<T, std::uint64_t> || std::same_as<T, std::int64_t> ||
    std::same_as<T, std::uint32_t> || std::same_as<T, std::int32_t> ||
    std::same_as<T, std::uint16_t> || std::same_as<T, std::uint8_t> || std::same_as<T, double> ||
    std::same_as<T, float>;

// The name of T as used in messages: "uint64", "int32", "float64", ...
template <Element T>
constexpr std::string_view element_name() {
  if constexpr (std::same_as<T, std::uint64_t>) return "uint64";
  if constexpr (std::same_as<T, std::int64_t>) return "int64";
  if constexpr (std::same_as<T, std::uint32_t>) return "uint32";
  if constexpr (std::same_as<T, std::int32_t>) return "int32";
  if constexpr (std::same_as<T, std::uint16_t>) return "uint16";
  if constexpr (std::same_as<T, std::uint8_t>) return "uint8";
  if constexpr (std::same_as<T, double>) return "float64";
  if constexpr (std::same_as<T, float>) return "float32";
}

}  // namespace seatcast::h5

// Expands M(T) once for every Element type; used for explicit instantiations.
#define SEATCAST_H5_FOR_EACH_ELEMENT(M) \
  M(std::uint64_t)                      \
  M(std::int64_t)                       \
  M(std::uint32_t)                      \
  M(std::int32_t)                       \
  M(std::uint16_t)                      \
  M(std::uint8_t)                       \
  M(double)                             \
  M(float)
