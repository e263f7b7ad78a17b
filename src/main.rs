fn main() {
    println!("qabyldau");
}
