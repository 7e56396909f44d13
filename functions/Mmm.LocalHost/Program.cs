Console.WriteLine("mmm");
