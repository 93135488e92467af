from shuzhi_lint.startup import run

if __name__ == "__main__":
    run()
