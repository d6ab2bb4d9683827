# seatcast.R: a seatcast results file (the HDF5 layout of README "The results file") as
# R data frames.
#
#   source("scripts/seatcast.R")
#   r <- seatcast_read("out/mazhilis-2023.h5")
#   r$run        # list: draws, seed, block_size, scenario_name, scenario_file, scenario
#                #   (the scenario file's text), seatcast_version, format_version
#   r$options    # data frame, one row per ballot option: option, name, kind
#   r$bodies     # data frame, one row per elected body: body, name, seats, list_seats,
#                #   district_seats, majority, two_thirds
#   r$summary    # data frame, one row per body and option: the columns of
#                #   `seatcast summarize --format csv` (body, option, kind, p_passed,
#                #   p_seats, mean, q05, q25, q50, q75, q95, p_majority, p_two_thirds)
#                #   and name
#   r$seats      # data frame, one row per body, option, tier and seat count: body,
#                #   option, tier ("list", "district" or "total"), seats, draws (in
#                #   which the option won exactly that many seats of the tier) and
#                #   probability (draws / the run's draws)
#   seatcast_distribution(r, "amanat")   # P(seats = s) of one option, s = 0..seats
#
# The summary is the file's own /<body>/summary/ datasets, which seatcast derived from
# the seat histograms, so it is what `seatcast summarize` prints. Opening checks what
# the Python reader (scripts/seatcast_results.py) checks: format "seatcast-results", a
# format version this script reads, the results of a run (not a sweep or a partial
# file), and histogram rows that count the file's draws; anything else stops with an
# error naming the file.
#
# Needs Debian's r-base-core and r-cran-hdf5r (scripts/setup.sh installs them).

suppressPackageStartupMessages(library(hdf5r))

seatcast_readable_version <- 1

# Counts are uint64 in the file: read them as doubles (exact up to 2^53, far above the
# 10^12 draws a run may have) rather than as R's 32-bit integers or bit64 objects.
.seatcast_get <- function(obj) {
  obj$read(flags = h5const$H5TOR_CONV_INT64_FLOAT_FORCE)
}

.seatcast_attr <- function(obj, name, default = NULL) {
  if (name %in% h5attr_names(obj)) {
    a <- obj$attr_open(name)
    on.exit(a$close())
    return(a$read(flags = h5const$H5TOR_CONV_INT64_FLOAT_FORCE))
  }
  if (is.null(default)) stop(sprintf("missing attribute '%s'", name), call. = FALSE)
  default
}

# A seat histogram [options, seats + 1] as a matrix with one row per option (hdf5r gives
# the dimensions in reverse order, so the file's rows are R's columns).
.seatcast_histogram <- function(f, path, options, draws, fail) {
  if (!f$exists(path)) fail(sprintf("/%s: missing dataset", path))
  h <- .seatcast_get(f[[path]])
  h <- t(matrix(h, ncol = length(options)))
  rows <- rowSums(h)
  if (any(rows != draws)) {
    o <- which(rows != draws)[1]
    fail(sprintf("/%s: row of '%s' counts %.0f draws, not %.0f", path, options[o], rows[o],
                 draws))
  }
  h
}

seatcast_read <- function(path) {
  fail <- function(message) stop(sprintf("%s: %s", path, message), call. = FALSE)
  if (!file.exists(path)) fail("no such file")
  f <- tryCatch(H5File$new(path, mode = "r"),
                error = function(e) fail(sprintf("not a readable HDF5 file (%s)",
                                                 conditionMessage(e))))
  on.exit(f$close_all())
  attr <- function(name, default = NULL) {
    tryCatch(.seatcast_attr(f, name, default),
             error = function(e) fail(sprintf("/@%s: %s", name, conditionMessage(e))))
  }
  format <- attr("format", "")
  if (format != "seatcast-results")
    fail(sprintf("format is '%s', not 'seatcast-results': not a seatcast results file",
                 format))
  version <- attr("format_version")
  if (version > seatcast_readable_version)
    fail(sprintf("format version %d is newer than this script reads (%d)", version,
                 seatcast_readable_version))
  kind <- attr("kind", "run")
  if (kind == "sweep") fail("a sweep file (seatcast sweep), not the results of a run")
  if (kind != "run") fail(sprintf("kind is '%s': not the results of a run (merge shards first)",
                                  kind))
  draws <- attr("draws")
  if (draws <= 0) fail("a run of 0 draws has no results")
  run <- list(draws = draws, seed = attr("seed"), block_size = attr("block_size", 0),
              scenario_name = attr("scenario_name", ""), scenario_file = attr("scenario_file", ""),
              scenario = attr("scenario"), seatcast_version = attr("seatcast_version", ""),
              format_version = version)

  if (!f$exists("options")) fail("/options: missing dataset")
  ids <- f[["options"]]$read()
  read_or <- function(name, fallback) if (f$exists(name)) f[[name]]$read() else fallback
  options <- data.frame(option = ids, name = read_or("option_names", ids),
                        kind = read_or("option_kinds", rep("party", length(ids))),
                        stringsAsFactors = FALSE)

  groups <- names(f)
  groups <- groups[vapply(groups, function(g) {
    inherits(f[[g]], "H5Group") && f$exists(paste0(g, "/seats_total"))
  }, logical(1))]
  if (length(groups) == 0) fail("no elected body (no group with a seats_total dataset)")

  bodies <- list()
  summary <- list()
  seats <- list()
  columns <- c("p_passed", "p_seats", "mean", "q05", "q25", "q50", "q75", "q95", "p_majority",
               "p_two_thirds")
  for (b in groups) {
    g <- f[[b]]
    battr <- function(name, default = NULL) {
      tryCatch(.seatcast_attr(g, name, default),
               error = function(e) fail(sprintf("/%s@%s: %s", b, name, conditionMessage(e))))
    }
    n_seats <- battr("seats")
    bodies[[b]] <- data.frame(body = b, name = battr("name", b), seats = n_seats,
                              list_seats = battr("list_seats", 0),
                              district_seats = battr("district_seats", 0),
                              majority = battr("majority", n_seats %/% 2 + 1),
                              two_thirds = battr("two_thirds", (2 * n_seats + 2) %/% 3),
                              stringsAsFactors = FALSE)
    s <- data.frame(body = b, option = ids, kind = options$kind, stringsAsFactors = FALSE)
    for (col in columns) {
      where <- sprintf("%s/summary/%s", b, col)
      if (!f$exists(where)) fail(sprintf("/%s: missing dataset", where))
      v <- .seatcast_get(f[[where]])
      if (length(v) != length(ids))
        fail(sprintf("/%s: %d values for %d options", where, length(v), length(ids)))
      s[[col]] <- v
    }
    s$name <- options$name
    summary[[b]] <- s
    for (tier in c("list", "district", "total")) {
      dataset <- c(list = "seats_pr", district = "seats_district", total = "seats_total")[[tier]]
      h <- .seatcast_histogram(f, paste0(b, "/", dataset), ids, draws, fail)
      k <- ncol(h)
      counts <- as.vector(t(h))  # option by option, seats 0..k - 1 within each
      seats[[paste(b, tier)]] <- data.frame(
        body = b, option = rep(ids, each = k), tier = tier,
        seats = rep(seq_len(k) - 1, times = length(ids)), draws = counts,
        probability = counts / draws, stringsAsFactors = FALSE)
    }
  }
  bind <- function(frames) {
    out <- do.call(rbind, unname(frames))
    rownames(out) <- NULL
    out
  }
  list(path = path, run = run, options = options, bodies = bind(bodies),
       summary = bind(summary), seats = bind(seats))
}

# P(seats = s), s = 0..the tier's seats, of one option of one body (default: the first).
seatcast_distribution <- function(results, option, body = results$bodies$body[1],
                                  tier = "total") {
  d <- results$seats
  d <- d[d$body == body & d$option == option & d$tier == tier, ]
  if (nrow(d) == 0)
    stop(sprintf("%s: no option '%s' in body '%s'", results$path, option, body), call. = FALSE)
  stats::setNames(d$probability, d$seats)
}
