# scripts/seatcast.R end to end (ctest: scripts.r_reader).
#
#   Rscript tests/scripts/test_seatcast_r.R SEATCAST_EXE SOURCE_DIR
#
# Makes a small results file with the seatcast executable and checks that the R reader's
# data frames agree with `seatcast summarize --format csv` and with the file's seat
# histograms, and that it refuses what is not the results of a run. A missing
# r-cran-hdf5r makes the test FAIL, not skip (scripts/setup.sh installs it).

args <- commandArgs(trailingOnly = TRUE)
if (length(args) < 2) stop("usage: Rscript test_seatcast_r.R SEATCAST_EXE SOURCE_DIR")
seatcast <- normalizePath(args[1])
source_dir <- normalizePath(args[2])
source(file.path(source_dir, "scripts", "seatcast.R"))
scenario <- file.path(source_dir, "scenarios", "kz", "mazhilis-2023.toml")
dir <- tempfile("seatcast-r-")
dir.create(dir)
on.exit(unlink(dir, recursive = TRUE))

passed <- 0
failed <- 0
check <- function(name, ok, detail = "") {
  if (isTRUE(ok)) {
    passed <<- passed + 1
    cat("ok  ", name, "\n")
  } else {
    failed <<- failed + 1
    cat("FAIL", name, detail, "\n")
  }
}
run <- function(...) {
  out <- system2(seatcast, c(...), stdout = TRUE, stderr = TRUE)
  status <- attr(out, "status")
  if (!is.null(status) && status != 0) stop(paste(c("seatcast failed:", out), collapse = "\n"))
  invisible(out)
}
refused <- function(path, why) {
  e <- tryCatch({
    seatcast_read(path)
    ""
  }, error = function(e) conditionMessage(e))
  grepl(path, e, fixed = TRUE) && grepl(why, e, fixed = TRUE)
}

results <- file.path(dir, "run.h5")
run("run", scenario, "-n", "3000", "-s", "11", "-q", "-o", results)
r <- seatcast_read(results)

scenario_text <- readChar(scenario, file.size(scenario), useBytes = TRUE)
check("run facts", r$run$draws == 3000 && r$run$seed == 11 &&
        grepl("Kazakhstan Mazhilis 2023", r$run$scenario_name, fixed = TRUE) &&
        r$run$scenario == scenario_text)
check("options", identical(r$options$option,
                           c("amanat", "auyl", "respublica", "aq_jol", "qhp", "jsdp", "baytaq",
                             "against_all", "self_nominated")) &&
        r$options$kind[9] == "independent" && r$options$name[1] == "Amanat")
check("bodies", nrow(r$bodies) == 1 && r$bodies$body == "mazhilis" && r$bodies$seats == 98 &&
        r$bodies$list_seats == 69 && r$bodies$district_seats == 29 && r$bodies$majority == 50)

# The summary is what `seatcast summarize --format csv` prints.
csv <- read.csv(text = run("summarize", results, "--format", "csv"), stringsAsFactors = FALSE)
check("summary rows", nrow(r$summary) == nrow(csv) &&
        identical(r$summary$option, csv$option) && identical(r$summary$kind, csv$kind))
for (col in c("p_passed", "p_seats", "mean", "p_majority", "p_two_thirds"))
  check(paste("summary", col), isTRUE(all.equal(r$summary[[col]], csv[[col]], tolerance = 1e-12)),
        paste(r$summary[[col]], collapse = " "))
for (col in c("q05", "q25", "q50", "q75", "q95"))
  check(paste("summary", col), all(r$summary[[col]] == csv[[col]]))

# The seat distributions are the histograms: each sums to 1 over seats, and their means
# are the summary's.
totals <- r$seats[r$seats$tier == "total", ]
sums <- tapply(totals$probability, totals$option, sum)
check("distributions sum to 1", all(abs(sums - 1) < 1e-12))
means <- tapply(totals$seats * totals$probability, totals$option, sum)[r$summary$option]
check("distribution means", isTRUE(all.equal(as.vector(means), r$summary$mean, tolerance = 1e-12)))
check("tiers", all(table(r$seats$tier[r$seats$option == "amanat"]) ==
                     c(district = 30, list = 70, total = 99)))
d <- seatcast_distribution(r, "self_nominated", tier = "list")
check("an independent wins no list seat", d[["0"]] == 1 && length(d) == 70)
a <- seatcast_distribution(r, "amanat")
check("distribution of one option", length(a) == 99 && names(a)[1] == "0" &&
        abs(sum(a) - 1) < 1e-12)

# Refusals, naming the file.
sweep <- file.path(dir, "sweep.h5")
run("sweep", scenario, "--threshold", "0.05", "-n", "500", "-q", "-o", sweep)
check("refuses a sweep file", refused(sweep, "a sweep file"))
text <- file.path(dir, "notes.h5")
writeLines("not hdf5", text)
check("refuses a text file", refused(text, "not a readable HDF5 file"))
check("refuses an absent file", refused(file.path(dir, "absent.h5"), "no such file"))

cat(sprintf("%d passed, %d failed\n", passed, failed))
quit(status = if (failed == 0) 0 else 1)
